"""Moving a case from one state to another, through the workflow table.

`case_transition` is the generic service for the moves that need nothing but a reason:
request information, suspend, resume, close, reopen, and recording a withdrawal. Moves that
carry a record of their own have their own service, which calls `move` inside its transaction:
a lane (`lanes.case_set_lane`), a referral (`lanes.case_refer`), a decision
(`decisions.case_decide`), an objection (`decisions.objection_open`), a withdrawal
(`withdrawal.case_withdraw`), and suspensions with dates (`deadline_records`).

Facts outside the table that `move` checks (see `workflow.py`, "Boundaries"):
    * entering `awaiting_complainant` or `suspended` opens a `Suspension` (the decision clock
      stops, Awb 4:15; for an objection Awb 7:10(2)); leaving it ends the suspension;
    * leaving those states returns the case to the state it came from, taken from the history;
    * `decided -> closed` waits for the objection period to pass (Awb 6:7) or for every linked
      objection to be decided or withdrawn.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint, State, StatusChange

from .. import workflow
from ..models import Suspension
from ..selectors_deadlines import objection_link_of
from . import common

#: States in which the decision clock stands still.
PAUSED = frozenset({State.AWAITING_COMPLAINANT, State.SUSPENDED})

#: Actions with a service of their own; the generic transition refuses them.
_OWN_SERVICE = {
    "assign_lane": gettext_lazy("Kies het behandelspoor met het formulier voor het spoor."),
    "change_lane": gettext_lazy("Kies het behandelspoor met het formulier voor het spoor."),
    "refer": gettext_lazy("Verwijs de zaak door met het formulier voor doorverwijzen."),
    "decide": gettext_lazy("Een besluit neemt u met het besluitformulier."),
    "decide_objection": gettext_lazy("Een besluit neemt u met het besluitformulier."),
    "record_referral_outcome": gettext_lazy("Een besluit neemt u met het besluitformulier."),
    "file_objection": gettext_lazy("Een bezwaar legt u vast met het bezwaarformulier."),
    "record_objection": gettext_lazy("Een bezwaar legt u vast met het bezwaarformulier."),
}

_DEFAULT_BASIS = {
    State.AWAITING_COMPLAINANT: "Awb 4:15(1)(a)",
    State.SUSPENDED: "Awb 4:15(2)",
}


def return_state(complaint: Complaint) -> str:
    """The state a waiting or suspended case came from (the history says)."""
    line = (
        StatusChange.objects.filter(complaint=complaint, to_state=complaint.state)
        .order_by("-id")
        .first()
    )
    if line is None or not line.from_state:
        return State.IN_LANE
    return line.from_state


def open_suspension(complaint: Complaint) -> Suspension | None:
    return complaint.suspensions.filter(ends_on=None).order_by("-starts_on", "-id").first()


def _check_close(complaint: Complaint, today: dt.date) -> None:
    from .. import deadlines as rules
    from ..selectors import complaint_current_decision

    if complaint.state != State.DECIDED or objection_link_of(complaint) is not None:
        return
    decision = complaint_current_decision(complaint)
    if decision is None:
        return
    objections = list(decision.objections.select_related("case"))
    finished = {State.DECIDED, State.CLOSED, State.WITHDRAWN}
    if any(o.case.state not in finished for o in objections):
        raise common.TransitionRefused(
            _("Deze zaak kan niet worden afgesloten zolang er een bezwaar loopt.")
        )
    if objections:
        return
    period_end = rules.objection_deadlines(decision.made_known_on, today=today)[0].due
    if today <= period_end:
        raise common.TransitionRefused(
            _(
                "Deze zaak kan pas worden afgesloten na de bezwaartermijn, die eindigt op "
                "%(date)s (artikel 6:7 Awb)."
            )
            % {"date": common.value_format(period_end)}
        )


def move(
    complaint: Complaint,
    *,
    to_state: str,
    actor,
    reason: str = "",
    by_complainant: bool = False,
    on_date: dt.date | None = None,
    basis: str = "",
    event_type: AuditEventType = AuditEventType.CASE_STATUS_CHANGED,
    data: dict | None = None,
    allow_own_service: bool = False,
) -> workflow.Transition:
    """Move a locked case (call inside a transaction, after `common.lock_case`).

    Checks the table for the actor's roles, the reason, the facts above; opens or ends a
    suspension; saves the state; appends the history line; writes the audit event.
    """
    roles = common.actor_roles(actor, complaint, by_complainant=by_complainant)
    row, role = common.pick_transition(complaint, to_state, roles)
    if not allow_own_service and (row.action in _OWN_SERVICE or row.opens_linked_case):
        raise common.TransitionRefused(str(_OWN_SERVICE.get(row.action, "")))
    reason = common.clean_reason(reason, required=row.reason_required)
    from_state = complaint.state
    day = on_date or common.today()
    received_on = timezone.localdate(complaint.received_at)

    if from_state in PAUSED and to_state not in {State.DECIDED, State.WITHDRAWN}:
        expected = return_state(complaint)
        if to_state != expected:
            raise common.TransitionRefused(
                _("Deze zaak gaat na het wachten terug naar “%(state)s”.")
                % {"state": common.state_label(expected)}
            )
    if row.action == "close":
        _check_close(complaint, common.today())

    if from_state in PAUSED and to_state != from_state:
        current = open_suspension(complaint)
        if current is not None:
            common.check_date(
                day,
                field="on_date",
                not_after=common.today(),
                not_before=current.starts_on,
                not_before_label=_("het begin van de opschorting"),
            )
            current.ends_on = day
            current.save(update_fields=["ends_on", "updated_at"])
    if to_state in PAUSED and from_state not in PAUSED:
        last_end = (
            complaint.suspensions.exclude(ends_on=None)
            .order_by("-ends_on")
            .values_list("ends_on", flat=True)
            .first()
        )
        common.check_date(
            day,
            field="on_date",
            not_after=common.today(),
            not_before=max(filter(None, [received_on, last_end])),
            not_before_label=_("de ontvangst of de vorige opschorting"),
        )
        objection_case = objection_link_of(complaint) is not None
        Suspension.objects.create(
            complaint=complaint,
            starts_on=day,
            basis=basis
            or ("Awb 7:10(2), 6:6" if objection_case else _DEFAULT_BASIS[State(to_state)]),
            reason=reason or str(_("Informatie gevraagd aan de klager.")),
            created_by=actor if getattr(actor, "pk", None) else None,
        )

    complaint.state = to_state
    complaint.save(update_fields=["state", "updated_at"])
    if from_state != to_state:
        common.append_status(
            complaint,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            reason=reason,
            by_complainant=by_complainant,
        )
        record_event(
            actor=actor,
            event_type=event_type,
            obj=complaint,
            reason=reason,
            data={
                "from": from_state,
                "to": to_state,
                "action": row.action,
                "role": role,
                **(data or {}),
            },
        )
    return row


def case_transition(
    *,
    complaint: Complaint,
    to_state: str,
    actor,
    reason: str = "",
    expected_version: str | None = None,
    on_date: dt.date | None = None,
) -> Complaint:
    """Move a case along the table, for moves that need only a reason (module docstring).

    `expected_version` is the version the form was made with (`common.case_version`); a stale
    form is refused and nothing changes. `on_date` dates the start or end of a suspension
    (default today).
    """
    if actor is None:
        raise ApplicationError(_("U heeft geen toestemming voor deze handeling."))
    common.require_visible(actor, complaint)
    if to_state not in State.values:
        raise common.TransitionRefused(_("Onbekende status."))
    with transaction.atomic():
        locked = common.lock_case(complaint, expected_version=expected_version)
        event_type = (
            AuditEventType.CASE_WITHDRAWAL_RECORDED
            if to_state == State.WITHDRAWN
            else AuditEventType.CASE_STATUS_CHANGED
        )
        move(
            locked,
            to_state=to_state,
            actor=actor,
            reason=reason,
            on_date=on_date,
            event_type=event_type,
        )
        common.refresh_next_deadline(locked)
    return locked
