"""Withdrawing a complaint or an objection (Awb 4:1 read with 4:5 practice; for an objection
Awb 6:21).

The complainant withdraws through the status link; staff record a withdrawal that came by
letter or phone, saying how it came (a reason). From `decided` a withdrawal waives the
objection: the decision stands. The complainant gets a confirmation by e-mail after commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from waakhond.audit.models import AuditEventType
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State

from ..letters import authority
from . import common
from .messages import message_queue
from .transitions import move


def case_withdraw(
    *,
    complaint: Complaint,
    by_complainant: bool,
    actor=None,
    reason: str = "",
    expected_version: str | None = None,
) -> Complaint:
    """Withdraw the case; any open suspension ends today."""
    if not by_complainant:
        if actor is None:
            raise ApplicationError(_("U heeft geen toestemming voor deze handeling."))
        common.require_visible(actor, complaint)
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        move(
            locked,
            to_state=State.WITHDRAWN,
            actor=None if by_complainant else actor,
            by_complainant=by_complainant,
            reason=reason,
            event_type=(
                AuditEventType.PORTAL_WITHDRAWN
                if by_complainant
                else AuditEventType.CASE_WITHDRAWAL_RECORDED
            ),
        )
        common.refresh_next_deadline(locked)
        if locked.complainant_email:
            with translation.override(locked.language or "nl"):
                message_queue(
                    complaint=locked,
                    to=locked.complainant_email,
                    subject=_("Uw klacht %(reference)s is ingetrokken")
                    % {"reference": locked.reference},
                    body=_(
                        "Geachte %(name)s,\n\n"
                        "Wij bevestigen dat uw klacht met kenmerk %(reference)s is ingetrokken. Wij "
                        "behandelen deze klacht niet verder. Een besluit dat al is genomen, blijft "
                        "gelden.\n\n"
                        "Met vriendelijke groet,\n\n"
                        "%(authority)s\n"
                    )
                    % {
                        "name": locked.complainant_name,
                        "reference": locked.reference,
                        "authority": authority(locked.language or "nl")["name"],
                    },
                )
    return locked
