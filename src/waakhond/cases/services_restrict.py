"""Restricting a case: who may see it beyond team leads, auditors and its own handler.

A restricted case (for example a complaint about the authority's own staff) is left out of the
queue and answers 404 to everyone else, exactly like a case that does not exist; the rule itself
is `waakhond.accounts.access.can_view_complaint`. This module is the one write that sets or
lifts the restriction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from waakhond.accounts.access import can_restrict_case, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint

from .services.common import lock_case, require_visible


def case_restrict(
    *,
    complaint: Complaint,
    actor,
    restricted: bool,
    reason: str,
    expected_version: str | None = None,
) -> Complaint:
    """Restrict (`restricted=True`) or lift the restriction of a case; a reason is required.

    Writes `case.restricted` with the reason and the before and after values. Lifting an
    already lifted restriction, or restricting twice, is refused so a double submit shows.
    """
    require_visible(actor, complaint)
    require(can_restrict_case(actor, complaint))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            _("Geef een reden op: waarom moet de toegang tot deze zaak veranderen?"),
            field="reason",
        )
    with transaction.atomic():
        locked = lock_case(complaint, expected_version=expected_version)
        if locked.restricted == restricted:
            raise ApplicationError(
                _("Deze zaak heeft al beperkte toegang.")
                if restricted
                else _("Deze zaak heeft al geen beperkte toegang.")
            )
        locked.restricted = restricted
        locked.save(update_fields=["restricted", "updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_RESTRICTED,
            obj=locked,
            reason=reason,
            data={"before": not restricted, "after": restricted},
        )
    return locked
