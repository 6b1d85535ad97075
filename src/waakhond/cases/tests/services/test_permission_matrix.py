"""Every role against every case-handling service.

Each cell prepares a case on which the action is valid for someone allowed to do it; for a
case handler the case is assigned to them (being assigned is tested separately). A refusal must
leave the case and its records exactly as they were and log nothing.
"""

import datetime as dt

import pytest

from waakhond.accounts.access import PermissionDenied
from waakhond.accounts.roles import ADMINISTRATOR, AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD
from waakhond.audit.models import AuditEvent
from waakhond.cases import models as m
from waakhond.cases.services import (
    assignment,
    common,
    deadline_records,
    decisions,
    lanes,
    letters,
    notes,
    transitions,
    withdrawal,
)
from waakhond.cases.tests.case_factories import (
    case_decided,
    case_in_lane,
    case_suspended,
    case_triaged,
    fresh,
    handler_user,
)
from waakhond.cases.tests.factories import staff_user
from waakhond.common.errors import NotFound
from waakhond.intake.models import Complaint, State, StatusChange

pytestmark = pytest.mark.django_db

ROLES = [INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD, AUDITOR, ADMINISTRATOR, None]

H, L, IO = CASE_HANDLER, TEAM_LEAD, INTAKE_OFFICER


def _handler_for(actor, role):
    """The case's handler: the actor when they are a case handler, else someone else."""
    return actor if role == CASE_HANDLER else handler_user()


def _take(actor, role):
    complaint = case_triaged()
    return complaint, lambda: assignment.case_take(complaint=complaint, actor=actor)


def _assign(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    other = handler_user()
    return complaint, lambda: assignment.case_assign(
        complaint=complaint, assignee=other, actor=actor
    )


def _set_lane(actor, role):
    complaint = case_triaged()
    if role == CASE_HANDLER:
        assignment.case_take(complaint=complaint, actor=actor)
        complaint = fresh(complaint)
    return complaint, lambda: lanes.case_set_lane(
        complaint=complaint, lane="investigate", actor=actor
    )


def _step(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: lanes.case_step_done(complaint=complaint, step="plan", actor=actor)


def _suspend(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: deadline_records.case_suspend(
        complaint=complaint, actor=actor, reason="Op verzoek van de klager."
    )


def _request_information(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: deadline_records.case_suspend(
        complaint=complaint, actor=actor, request_information=True, questions="Welke brief?"
    )


def _resume(actor, role):
    complaint = case_suspended(handler=_handler_for(actor, role))
    return complaint, lambda: deadline_records.case_resume(complaint=complaint, actor=actor)


def _extend(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: deadline_records.case_extend(
        complaint=complaint,
        actor=actor,
        new_due_on=common.today() + dt.timedelta(weeks=14),
        reason="Wij wachten op stukken van de gemeente.",
    )


def _default_notice(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role), received_days_ago=70)
    return complaint, lambda: deadline_records.case_register_default_notice(
        complaint=complaint, actor=actor, received_on=common.today()
    )


def _decide(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: decisions.case_decide(
        complaint=complaint,
        actor=actor,
        outcome="rejected_no_infringement",
        reasons="Uit de stukken blijkt geen overtreding van de AVG.",
    )


def _refer(actor, role):
    complaint = case_in_lane(lane="refer_lead_authority", handler=_handler_for(actor, role))
    return complaint, lambda: lanes.case_refer(
        complaint=complaint,
        actor=actor,
        target="lead_authority",
        target_name="Data Protection Commission (Ierland)",
        reason="Hoofdvestiging in Ierland.",
    )


def _record_objection(actor, role):
    complaint = case_decided(handler=_handler_for(actor, role))
    return complaint, lambda: decisions.objection_open(
        complaint=complaint, actor=actor, grounds="Niet eens.", reason="Per post ontvangen."
    )


def _record_withdrawal(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: withdrawal.case_withdraw(
        complaint=complaint, by_complainant=False, actor=actor, reason="Telefonisch ingetrokken."
    )


def _close(actor, role, monkeypatch):
    complaint = case_decided(handler=_handler_for(actor, role))
    later = common.today() + dt.timedelta(weeks=7)
    monkeypatch.setattr(common, "today", lambda: later)
    return complaint, lambda: transitions.case_transition(
        complaint=complaint, to_state=State.CLOSED, actor=actor
    )


def _reopen(actor, role):
    complaint = case_decided(handler=_handler_for(actor, role))
    return complaint, lambda: transitions.case_transition(
        complaint=complaint, to_state=State.IN_LANE, actor=actor, reason="Bezwaar gegrond."
    )


def _letter_create(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: letters.letter_create(
        complaint=complaint, kind="progress_notice", actor=actor
    )


def _letter_send(actor, role):
    handler = _handler_for(actor, role)
    complaint = case_in_lane(handler=handler)
    letter = letters.letter_create(complaint=complaint, kind="progress_notice", actor=handler)
    return complaint, lambda: letters.letter_send(letter=letter, actor=actor)


def _note(actor, role):
    complaint = case_in_lane(handler=_handler_for(actor, role))
    return complaint, lambda: notes.case_note_add(complaint=complaint, actor=actor, text="Gebeld.")


# action: (setup, roles allowed). A plain-words comment per row.
ACTIONS = {
    # Handlers and team leads take unassigned cases.
    "take": (_take, {H, L}),
    # Only team leads distribute work.
    "assign": (_assign, {L}),
    # Intake officers route; the handler who took it and team leads may too.
    "set_lane": (_set_lane, {IO, H, L}),
    # Steps are the handler's (or the team lead's).
    "step_done": (_step, {H, L}),
    # Suspending on another ground, and asking for information once in a lane: handlers.
    "suspend": (_suspend, {H, L}),
    "request_information": (_request_information, {H, L}),
    # Ending a suspension: handlers (the system on its end date).
    "resume": (_resume, {H, L}),
    # The Awb 4:14(3) notice and recording a notice of default: handlers.
    "extend": (_extend, {H, L}),
    "default_notice": (_default_notice, {H, L}),
    # Deciding and referring: handlers.
    "decide": (_decide, {H, L}),
    "refer": (_refer, {H, L}),
    # An objection or withdrawal that came by post: anyone who does casework records it.
    "record_objection": (_record_objection, {IO, H, L}),
    "record_withdrawal": (_record_withdrawal, {IO, H, L}),
    # Closing after the objection period: handlers; reopening: team leads only.
    "close": (_close, {H, L}),
    "reopen": (_reopen, {L}),
    # Letters: handlers; notes: anyone who does casework.
    "letter_create": (_letter_create, {H, L}),
    "letter_send": (_letter_send, {H, L}),
    "note_add": (_note, {IO, H, L}),
}

RECORDS = [
    Complaint,
    StatusChange,
    m.Suspension,
    m.ExtensionNotice,
    m.DefaultNotice,
    m.StepDone,
    m.Note,
    m.Referral,
    m.Decision,
    m.Objection,
    m.Letter,
    m.OutgoingMessage,
    m.RightsRequest,
]


def _snapshot(complaint):
    row = Complaint.objects.filter(pk=complaint.pk).values(
        "state", "lane", "assigned_to", "updated_at", "next_deadline"
    )[0]
    counts = {model.__name__: model.objects.count() for model in RECORDS}
    return row, counts, AuditEvent.objects.count()


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "no_role")
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_may_or_may_not_do_action(action, role, monkeypatch):
    setup, allowed = ACTIONS[action]
    actor = staff_user(role) if role else staff_user()
    args = (actor, role, monkeypatch) if setup is _close else (actor, role)
    complaint, call = setup(*args)
    before = _snapshot(complaint)
    if role in allowed:
        call()
        assert AuditEvent.objects.count() > before[2], "an allowed action is logged"
        return
    with pytest.raises((PermissionDenied, NotFound)):
        call()
    assert _snapshot(complaint) == before, "a refusal changes nothing and logs nothing"


def test_a_case_handler_may_not_work_on_a_case_assigned_to_someone_else():
    owner, other = handler_user(), handler_user()
    complaint = case_in_lane(handler=owner)
    before = _snapshot(complaint)
    with pytest.raises(PermissionDenied):
        decisions.case_decide(
            complaint=complaint,
            actor=other,
            outcome="rejected_no_infringement",
            reasons="Uit de stukken blijkt geen overtreding van de AVG.",
        )
    assert _snapshot(complaint) == before


def test_a_restricted_case_looks_missing_to_a_handler_it_is_not_assigned_to():
    owner, other = handler_user(), handler_user()
    complaint = case_triaged(restricted=True, assigned_to=owner)
    with pytest.raises(NotFound):
        notes.case_note_add(complaint=complaint, actor=other, text="Gebeld.")
    notes.case_note_add(complaint=complaint, actor=owner, text="Gebeld.")
