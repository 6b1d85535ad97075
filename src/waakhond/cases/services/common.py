"""What every case-handling service shares: the lock with the version check, the roles a person
acts in, the status history line, and the errors a user can read.

The version of a case is its `updated_at` in microseconds. A form carries the version it was
rendered with; the service compares it under `select_for_update` and refuses when someone else
changed the case in between, so of two handlers acting at once one wins and the other is told.
Every service that changes a case saves the complaint row, which moves the version on.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from waakhond.accounts.access import PermissionDenied, can_view_complaint, case_roles_for
from waakhond.common.errors import ApplicationError, NotFound
from waakhond.intake.models import Complaint, StatusChange

from .. import workflow


class StaleCase(ApplicationError):
    """The form was made for an older version of the case; someone else changed it since."""


class TransitionRefused(ApplicationError):
    """The workflow table has no such move from the case's state, or a fact outside the table
    (objection period, open objection, return state) forbids it."""


def case_version(complaint: Complaint) -> str:
    """The version a form carries and a service compares (see the module docstring)."""
    stamp = complaint.updated_at
    if stamp is None:
        return ""
    return str(int(stamp.timestamp() * 1_000_000))


def today() -> dt.date:
    """Today's date in the desk's time zone (Europe/Amsterdam)."""
    return timezone.localdate()


def lock_case(complaint: Complaint, *, expected_version: str | None) -> Complaint:
    """Re-read the complaint under a row lock; refuse a stale form.

    Must be called inside `transaction.atomic()`. `expected_version=None` skips the check; it is
    for callers without a form (the complainant's portal, background tasks).
    """
    locked = Complaint.objects.select_for_update().filter(pk=complaint.pk).first()
    if locked is None:
        raise NotFound(_("Deze klacht bestaat niet of u heeft er geen toegang toe."))
    if expected_version is not None and case_version(locked) != str(expected_version):
        raise StaleCase(
            _(
                "Iemand anders heeft deze zaak gewijzigd terwijl u ermee bezig was. Uw wijziging "
                "is niet opgeslagen. Bekijk de zaak opnieuw en probeer het daarna nog eens."
            )
        )
    return locked


def require_visible(actor, complaint: Complaint) -> None:
    """Missing and not yours look the same from outside."""
    if actor is not None and not can_view_complaint(actor, complaint):
        raise NotFound(_("Deze klacht bestaat niet of u heeft er geen toegang toe."))


def require_work_roles(actor, complaint: Complaint, allowed: set[str]) -> list[str]:
    """The actor's case roles that are in `allowed`; PermissionDenied when there are none."""
    require_visible(actor, complaint)
    roles = [role for role in case_roles_for(actor, complaint) if role in allowed]
    if not roles:
        raise PermissionDenied(_("U heeft geen toestemming voor deze handeling."))
    return roles


def actor_roles(actor, complaint: Complaint, *, by_complainant: bool = False) -> list[str]:
    """The workflow roles an actor acts in: the complainant, the system, or staff roles."""
    if by_complainant:
        return [workflow.Role.COMPLAINANT.value]
    if actor is None:
        return [workflow.Role.SYSTEM.value]
    require_visible(actor, complaint)
    return case_roles_for(actor, complaint)


def pick_transition(
    complaint: Complaint, to_state: str, roles: list[str]
) -> tuple[workflow.Transition, str]:
    """The table row that lets one of `roles` move the case to `to_state`, and that role.

    No row at all between the two states: `TransitionRefused`. A row, but not for these roles:
    `PermissionDenied`. Messages are Dutch; the table's own English message is kept as detail.
    """
    if not roles:
        raise PermissionDenied(_("U heeft geen toestemming voor deze handeling."))
    last_error: workflow.TransitionNotAllowed | None = None
    for role in roles:
        try:
            return workflow.check_transition(complaint.state, to_state, role), role
        except workflow.TransitionNotAllowed as exc:
            last_error = exc
    exists = any(
        t.from_state == complaint.state and t.to_state == to_state for t in workflow.TRANSITIONS
    )
    detail = {"detail": str(last_error)} if last_error else {}
    if exists:
        raise PermissionDenied(
            _("Uw rol mag deze zaak niet van “%(from)s” naar “%(to)s” zetten.")
            % {"from": state_label(complaint.state), "to": state_label(to_state)},
            extra=detail,
        )
    raise TransitionRefused(
        _("Een zaak met status “%(from)s” kan niet naar “%(to)s”.")
        % {"from": state_label(complaint.state), "to": state_label(to_state)},
        extra=detail,
    )


def state_label(state: str) -> str:
    from waakhond.intake.models import State

    try:
        return str(State(state).label)
    except ValueError:
        return state


def actor_label(actor, *, by_complainant: bool = False) -> str:
    if by_complainant:
        return "complainant"
    if actor is None:
        return "system"
    return actor.get_username()


def append_status(
    complaint: Complaint,
    *,
    from_state: str,
    to_state: str,
    actor,
    reason: str = "",
    by_complainant: bool = False,
) -> StatusChange:
    """One line of status history; appended, never edited."""
    return StatusChange.objects.create(
        complaint=complaint,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label(actor, by_complainant=by_complainant),
        reason=reason,
    )


def clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ApplicationError(_("Geef een reden op voor deze stap."), field="reason")
    return reason


def check_date(
    value: dt.date,
    *,
    field: str,
    not_after: dt.date | None = None,
    not_before: dt.date | None = None,
    not_before_label: str = "",
) -> dt.date:
    """Dates out of range get a plain Dutch answer before anything is written."""
    if not_after is not None and value > not_after:
        raise ApplicationError(
            _("Deze datum ligt in de toekomst; vul een datum in tot en met vandaag."), field=field
        )
    if not_before is not None and value < not_before:
        raise ApplicationError(
            _("Deze datum ligt vóór %(what)s (%(date)s).")
            % {"what": not_before_label, "date": value_format(not_before)},
            field=field,
        )
    return value


def value_format(value: dt.date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


def on_commit(func) -> None:
    """Run a side effect after commit; a failure there never undoes the change."""
    transaction.on_commit(func)


def refresh_next_deadline(complaint: Complaint, *, today_: dt.date | None = None) -> dt.date | None:
    """Recompute `next_deadline` inside a service's transaction; refuse contradictory records.

    The rules refuse dates that cannot be right (an extension after the period, a suspension
    after the decision, ...). Raising here rolls the whole change back: nothing half-changed.
    Writes with UPDATE, so it does not move the case's version.
    """
    from ..deadlines import DeadlineError
    from ..selectors_deadlines import next_deadline_for

    try:
        value = next_deadline_for(complaint, today=today_ or today())
    except DeadlineError as exc:
        raise ApplicationError(
            _("Deze gegevens passen niet bij de termijnen van de zaak: %(detail)s")
            % {"detail": str(exc)}
        ) from exc
    if value != complaint.next_deadline:
        Complaint.objects.filter(pk=complaint.pk).update(next_deadline=value)
        complaint.next_deadline = value
    return value
