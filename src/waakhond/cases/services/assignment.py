"""Who works on a case: a handler takes an unassigned case, or a team lead assigns it.

The new assignee hears about it by e-mail after commit.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from waakhond.accounts.access import (
    can_assign_case,
    can_be_assigned,
    can_take_case,
    can_take_cases,
    require,
)
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State

from . import common
from .messages import message_queue

_FINISHED = {State.CLOSED, State.WITHDRAWN}


def _notify_assignee(complaint: Complaint, assignee, actor) -> None:
    if assignee is None or not assignee.email or assignee == actor:
        return
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse("cases:complaint", args=[complaint.reference])
    except NoReverseMatch:
        path = reverse("handling:case", args=[complaint.reference])
    message_queue(
        complaint=complaint,
        to=assignee.email,
        subject=_("Zaak %(reference)s is aan u toegewezen") % {"reference": complaint.reference},
        body=_(
            "Zaak %(reference)s (%(organisation)s) is aan u toegewezen door %(actor)s.\n\n"
            "%(url)s%(path)s\n"
        )
        % {
            "reference": complaint.reference,
            "organisation": complaint.organisation_name,
            "actor": actor.get_username(),
            "url": settings.WAAKHOND_BASE_URL,
            "path": path,
        },
    )


def case_take(*, complaint: Complaint, actor, expected_version: str | None = None) -> Complaint:
    """A handler or team lead takes an unassigned case."""
    common.require_visible(actor, complaint)
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        require(can_take_cases(actor))  # a role that may not take cases is told so first
        if locked.assigned_to_id is not None and locked.assigned_to_id == getattr(
            actor, "pk", None
        ):
            raise ApplicationError(_("U behandelt deze zaak al."))
        if locked.assigned_to_id is not None:
            raise ApplicationError(
                _("Deze zaak is al in behandeling bij %(name)s.")
                % {"name": locked.assigned_to.get_username()}
            )
        require(can_take_case(actor, locked))
        if locked.state in _FINISHED:
            raise common.TransitionRefused(_("Deze zaak is beëindigd."))
        locked.assigned_to = actor
        locked.save(update_fields=["assigned_to", "updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_ASSIGNED,
            obj=locked,
            data={"before": None, "after": actor.pk, "taken": True},
        )
    return locked


def case_assign(
    *,
    complaint: Complaint,
    assignee,
    actor,
    reason: str = "",
    expected_version: str | None = None,
) -> Complaint:
    """A team lead assigns (or reassigns) a case to a handler or team lead."""
    common.require_visible(actor, complaint)
    require(can_assign_case(actor, complaint))
    if isinstance(assignee, int):
        assignee = get_user_model().objects.filter(pk=assignee, is_active=True).first()
    if assignee is None or not assignee.is_active or not can_be_assigned(assignee):
        raise ApplicationError(_("Kies een behandelaar of teamleider."), field="assignee")
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        if locked.state in _FINISHED:
            raise common.TransitionRefused(_("Deze zaak is beëindigd."))
        if locked.assigned_to_id == assignee.pk:
            raise ApplicationError(
                _("De zaak is al aan deze persoon toegewezen."), field="assignee"
            )
        before = locked.assigned_to_id
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
        record_event(
            actor=actor,
            event_type=AuditEventType.CASE_ASSIGNED,
            obj=locked,
            reason=(reason or "").strip(),
            data={"before": before, "after": assignee.pk, "taken": False},
        )
        _notify_assignee(locked, assignee, actor)
    return locked
