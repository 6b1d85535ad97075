import datetime as dt

import pytest

from django.test import TestCase

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.services import common, deadline_records, transitions
from waakhond.cases.services.common import StaleCase, TransitionRefused, case_version
from waakhond.cases.tests.case_factories import (
    case_awaiting,
    case_in_lane,
    case_triaged,
    fresh,
    handler_user,
    lead_user,
)
from waakhond.intake.models import State, StatusChange

pytestmark = pytest.mark.django_db


class CaseTransitionTests(TestCase):
    """The generic transition service: table, reason, version, return state, dates."""

    def test_a_move_appends_history_and_writes_the_audit_event_with_before_and_after(self):
        lead = lead_user()
        complaint = case_in_lane(handler=handler_user())
        transitions.case_transition(
            complaint=complaint,
            to_state=State.SUSPENDED,
            actor=lead,
            reason="Overmacht.",
            expected_version=case_version(complaint),
        )
        line = StatusChange.objects.filter(complaint=complaint).last()
        assert (line.from_state, line.to_state, line.reason) == (
            "in_lane",
            "suspended",
            "Overmacht.",
        )
        event = AuditEvent.objects.filter(event_type=AuditEventType.CASE_STATUS_CHANGED).last()
        assert event.data["from"] == "in_lane" and event.data["to"] == "suspended"
        assert event.actor == lead

    def test_a_move_the_table_does_not_have_is_refused_with_both_states_named(self):
        complaint = case_triaged()
        events = AuditEvent.objects.count()
        with pytest.raises(TransitionRefused) as refused:
            transitions.case_transition(
                complaint=complaint, to_state=State.CLOSED, actor=lead_user()
            )
        assert "Beoordeeld" in refused.value.message and "Afgesloten" in refused.value.message
        assert fresh(complaint).state == State.TRIAGED
        assert AuditEvent.objects.count() == events

    def test_a_reason_is_required_where_the_table_says_so(self):
        complaint = case_in_lane(handler=handler_user())
        with pytest.raises(common.ApplicationError) as refused:
            transitions.case_transition(
                complaint=complaint, to_state=State.SUSPENDED, actor=lead_user()
            )
        assert refused.value.field == "reason"
        assert fresh(complaint).state == State.IN_LANE

    def test_moves_with_a_record_of_their_own_are_refused_here(self):
        complaint = case_in_lane(handler=handler_user())
        with pytest.raises(TransitionRefused):
            transitions.case_transition(
                complaint=complaint, to_state=State.DECIDED, actor=lead_user(), reason="Klaar."
            )

    def test_a_stale_form_is_refused_and_nothing_changes(self):
        complaint = case_in_lane(handler=handler_user())
        old = case_version(complaint)
        lead = lead_user()
        transitions.case_transition(
            complaint=complaint, to_state=State.SUSPENDED, actor=lead, reason="Overmacht."
        )
        with pytest.raises(StaleCase):
            transitions.case_transition(
                complaint=complaint,
                to_state=State.WITHDRAWN,
                actor=lead,
                reason="Per brief.",
                expected_version=old,
            )
        assert fresh(complaint).state == State.SUSPENDED

    def test_a_waiting_case_returns_to_the_state_it_came_from(self):
        handler = handler_user()
        complaint = case_awaiting(handler=handler)
        with pytest.raises(TransitionRefused):
            transitions.case_transition(complaint=complaint, to_state=State.TRIAGED, actor=handler)
        deadline_records.case_resume(complaint=complaint, actor=handler)
        assert fresh(complaint).state == State.IN_LANE

    def test_a_suspension_cannot_start_in_the_future_or_before_receipt(self):
        handler = handler_user()
        complaint = case_in_lane(handler=handler)
        for day in (common.today() + dt.timedelta(days=1), common.today() - dt.timedelta(days=400)):
            with pytest.raises(common.ApplicationError) as refused:
                deadline_records.case_suspend(
                    complaint=complaint, actor=handler, reason="x", starts_on=day
                )
            assert refused.value.field == "on_date"
        assert fresh(complaint).state == State.IN_LANE
        assert not complaint.suspensions.exists()


def test_closing_before_the_objection_period_has_passed_is_refused():
    from waakhond.cases.tests.case_factories import case_decided

    complaint = case_decided()
    with pytest.raises(TransitionRefused) as refused:
        transitions.case_transition(complaint=complaint, to_state=State.CLOSED, actor=lead_user())
    assert "bezwaartermijn" in refused.value.message
