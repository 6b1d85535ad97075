"""Workflow scenarios, told through the services from filing to the end.

Each lane is taken to a decision and closed after the objection period; then an objection, a
withdrawal, a suspension that moves the decision date, an extension, and two handlers acting
on the same case at once.
"""

import datetime as dt

import pytest

from waakhond.audit.models import AuditEvent
from waakhond.cases.models import Decision, Letter, Objection, OutgoingMessage, Suspension
from waakhond.cases.selectors_deadlines import complaint_deadlines
from waakhond.cases.services import (
    common,
    deadline_records,
    decisions,
    lanes,
    transitions,
    withdrawal,
)
from waakhond.cases.services.common import StaleCase, case_version
from waakhond.cases.tests.case_factories import (
    FACTORS,
    REASONS,
    case_decided,
    case_in_lane,
    fresh,
    handler_user,
    lead_user,
    objection_case,
    outcome_for,
)
from waakhond.cases.workflow import LANES, Lane
from waakhond.intake.models import State, StatusChange

pytestmark = pytest.mark.django_db


def _travel(monkeypatch, days: int) -> dt.date:
    later = common.today() + dt.timedelta(days=days)
    monkeypatch.setattr(common, "today", lambda: later)
    return later


def _states(complaint) -> list[str]:
    return list(
        StatusChange.objects.filter(complaint=complaint)
        .order_by("id")
        .values_list("to_state", flat=True)
    )


@pytest.mark.parametrize("lane", [lane.value for lane in Lane if lane != Lane.REFER_LEAD_AUTHORITY])
def test_each_lane_runs_from_triage_to_decided_and_closed(lane, monkeypatch):
    handler = handler_user()
    complaint = case_in_lane(lane=lane, handler=handler)
    for step in LANES[Lane(lane)].steps:
        lanes.case_step_done(complaint=complaint, step=step.key, actor=handler)
    outcome = outcome_for(lane)
    decision = decisions.case_decide(
        complaint=fresh(complaint),
        actor=handler,
        outcome=outcome,
        reasons=REASONS,
        factors=FACTORS if outcome == "not_investigated_priority" else None,
    )
    assert fresh(complaint).state == State.DECIDED
    assert decision.letter.kind == "decision"
    assert "6:7" in decision.letter.body
    _travel(monkeypatch, 7 * 7)
    transitions.case_transition(complaint=fresh(complaint), to_state=State.CLOSED, actor=handler)
    closed = fresh(complaint)
    assert closed.state == State.CLOSED
    assert closed.next_deadline is None
    assert _states(complaint) == ["received", "triaged", "in_lane", "decided", "closed"]


def test_a_cross_border_case_is_referred_and_its_outcome_recorded_as_the_decision():
    handler = handler_user()
    complaint = case_in_lane(lane=Lane.REFER_LEAD_AUTHORITY, handler=handler)
    lanes.case_refer(
        complaint=complaint,
        actor=handler,
        target="lead_authority",
        target_name="Data Protection Commission (Ierland)",
        reason="De hoofdvestiging is in Ierland (AVG artikel 56).",
    )
    referred = fresh(complaint)
    assert referred.state == State.REFERRED
    # While referred, only the progress notices still count.
    assert referred.next_deadline == next(
        d.due for d in complaint_deadlines(referred) if d.key == "progress_notice"
    )
    decisions.case_decide(complaint=referred, actor=handler, outcome="referred", reasons=REASONS)
    assert fresh(complaint).state == State.DECIDED


def test_not_investigated_for_lack_of_priority_needs_all_three_factors_in_plain_words():
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    with pytest.raises(common.ApplicationError) as refused:
        decisions.case_decide(
            complaint=complaint,
            actor=handler,
            outcome="not_investigated_priority",
            reasons=REASONS,
            factors={"affected": FACTORS["affected"]},
        )
    assert refused.value.field == "factor_significance"
    assert fresh(complaint).state == State.IN_LANE
    assert not Decision.objects.exists()
    decision = decisions.case_decide(
        complaint=complaint,
        actor=handler,
        outcome="not_investigated_priority",
        reasons=REASONS,
        factors=FACTORS,
    )
    body = decision.letter.body
    assert (
        FACTORS["affected"] in body
        and FACTORS["significance"] in body
        and FACTORS["effective"] in body
    )
    assert "Bezwaar maken" in body


def test_an_objection_becomes_a_linked_case_with_its_own_deadlines_and_decision(monkeypatch):
    original, case = objection_case()
    link = Objection.objects.get(case=case)
    assert case.state == State.OBJECTION
    assert case.assigned_to is None  # Awb 7:5: preferably someone else
    assert original.state == State.DECIDED
    assert original.next_deadline is None  # the objection period was met
    assert Letter.objects.filter(complaint=case, kind="objection_acknowledgement").exists()
    keys = [d.key for d in complaint_deadlines(case)]
    assert keys == ["objection_period_end", "objection_acknowledgement", "objection_decision"]
    assert case.next_deadline == complaint_deadlines(case)[2].due

    # The original cannot close while the objection runs.
    with pytest.raises(common.TransitionRefused):
        transitions.case_transition(complaint=original, to_state=State.CLOSED, actor=lead_user())

    handler = handler_user()
    lead = lead_user()
    from waakhond.cases.services.assignment import case_assign

    case_assign(complaint=case, assignee=handler, actor=lead)
    decision = decisions.case_decide(
        complaint=fresh(case), actor=handler, outcome="objection_dismissed", reasons=REASONS
    )
    assert decision.letter.kind == "objection_decision"
    assert "8:1" in decision.letter.body  # the appeal clause, not a new objection
    with pytest.raises(common.TransitionRefused):
        decisions.objection_open(
            complaint=fresh(case), actor=None, by_complainant=True, grounds="Weer niet eens."
        )
    transitions.case_transition(complaint=fresh(original), to_state=State.CLOSED, actor=lead)
    assert fresh(original).state == State.CLOSED
    assert link.decision.complaint_id == original.pk


def test_an_objection_after_the_six_weeks_is_refused(monkeypatch):
    original = case_decided()
    _travel(monkeypatch, 7 * 7)
    with pytest.raises(common.ApplicationError) as refused:
        decisions.objection_open(
            complaint=original,
            actor=None,
            by_complainant=True,
            grounds="Niet eens.",
            received_on=common.today(),
        )
    assert "6:7" in refused.value.message
    assert not Objection.objects.exists()


def test_the_complainant_withdraws_and_an_open_suspension_ends():
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    deadline_records.case_suspend(
        complaint=complaint, actor=handler, request_information=True, questions="Welke brief?"
    )
    withdrawal.case_withdraw(complaint=fresh(complaint), by_complainant=True)
    withdrawn = fresh(complaint)
    assert withdrawn.state == State.WITHDRAWN
    assert withdrawn.next_deadline is None
    assert Suspension.objects.get(complaint=complaint).ends_on == common.today()
    assert _states(complaint)[-1] == "withdrawn"
    assert StatusChange.objects.filter(complaint=complaint).last().actor_label == "complainant"
    assert OutgoingMessage.objects.filter(
        complaint=complaint, subject__contains="ingetrokken"
    ).exists()


def test_a_suspension_moves_the_decision_date_by_its_length():
    handler = handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=30)
    before = next(d for d in complaint_deadlines(complaint) if d.key == "decision").due
    today = common.today()
    deadline_records.case_suspend(
        complaint=complaint,
        actor=handler,
        request_information=True,
        questions="Stuur de brief van de gemeente.",
        starts_on=today - dt.timedelta(days=10),
    )
    waiting = fresh(complaint)
    assert waiting.state == State.AWAITING_COMPLAINANT
    deadline_records.case_resume(
        complaint=waiting, actor=handler, ends_on=today - dt.timedelta(days=3)
    )
    resumed = fresh(complaint)
    assert resumed.state == State.IN_LANE  # back where it came from
    decision = next(d for d in complaint_deadlines(resumed) if d.key == "decision")
    assert dt.timedelta(days=7) <= decision.due - before <= dt.timedelta(days=10)
    assert "stil" in decision.explanation["nl"]


def test_an_extension_notice_sets_a_new_decision_date_and_tells_the_complainant():
    handler = handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=40)
    new_date = common.today() + dt.timedelta(weeks=10)
    deadline_records.case_extend(
        complaint=complaint,
        actor=handler,
        new_due_on=new_date,
        reason="Wij wachten op de gemeente.",
    )
    decision = next(d for d in complaint_deadlines(fresh(complaint)) if d.key == "decision")
    assert decision.due == new_date
    assert "4:14" in decision.basis
    letter = Letter.objects.get(complaint=complaint, kind="progress_notice")
    assert "4:14" in letter.body
    assert OutgoingMessage.objects.filter(letter=letter).exists()


def test_a_second_extension_notice_names_a_later_date_before_the_first_one_passes(monkeypatch):
    handler = handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=40)
    first = common.today() + dt.timedelta(weeks=4)
    deadline_records.case_extend(
        complaint=complaint, actor=handler, new_due_on=first, reason="Wij wachten op stukken."
    )
    later = _travel(monkeypatch, 27)  # the day before the named date
    second = later + dt.timedelta(weeks=5)
    deadline_records.case_extend(
        complaint=fresh(complaint),
        actor=handler,
        new_due_on=second,
        reason="De organisatie vroeg om uitstel.",
    )
    decision = next(
        d for d in complaint_deadlines(fresh(complaint), today=later) if d.key == "decision"
    )
    assert decision.due == second
    assert complaint.extension_notices.count() == 2
    assert Letter.objects.filter(complaint=complaint, kind="progress_notice").count() == 2


def test_a_second_extension_after_the_named_date_has_passed_is_refused(monkeypatch):
    handler = handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=40)
    first = common.today() + dt.timedelta(weeks=4)
    deadline_records.case_extend(
        complaint=complaint, actor=handler, new_due_on=first, reason="Wij wachten op stukken."
    )
    _travel(monkeypatch, 29)  # the named date has passed
    events = AuditEvent.objects.count()
    with pytest.raises(common.ApplicationError) as refused:
        deadline_records.case_extend(
            complaint=fresh(complaint),
            actor=handler,
            new_due_on=first + dt.timedelta(weeks=4),
            reason="Te laat.",
        )
    assert refused.value.field == "new_due_on"
    assert complaint.extension_notices.count() == 1
    assert AuditEvent.objects.count() == events


def test_an_extension_after_the_decision_period_is_refused_and_nothing_changes():
    handler = handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=70)
    with pytest.raises(common.ApplicationError) as refused:
        deadline_records.case_extend(
            complaint=complaint,
            actor=handler,
            new_due_on=common.today() + dt.timedelta(weeks=4),
            reason="Te laat.",
        )
    assert refused.value.field == "new_due_on"
    assert not complaint.extension_notices.exists()
    assert not Letter.objects.filter(complaint=complaint, kind="progress_notice").exists()


def test_two_handlers_act_at_once_one_wins_the_other_is_told():
    handler, lead = handler_user(), lead_user()
    complaint = case_in_lane(handler=handler)
    version = case_version(complaint)  # both forms were made from this version
    decisions.case_decide(
        complaint=complaint,
        actor=handler,
        outcome="rejected_no_infringement",
        reasons=REASONS,
        expected_version=version,
    )
    with pytest.raises(StaleCase) as refused:
        deadline_records.case_suspend(
            complaint=complaint, actor=lead, reason="Met instemming.", expected_version=version
        )
    assert "gewijzigd" in refused.value.message
    assert fresh(complaint).state == State.DECIDED
    assert not Suspension.objects.filter(complaint=complaint).exists()
