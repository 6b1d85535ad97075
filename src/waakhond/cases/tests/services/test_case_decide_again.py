"""A reopened case is decided again: the older decision is kept and marked superseded."""

import datetime as dt

import pytest

from django.db import IntegrityError, transaction
from django.utils import timezone

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.models import Decision, Letter
from waakhond.cases.selectors import complaint_current_decision, complaint_decisions
from waakhond.cases.services import common, decisions, transitions
from waakhond.cases.tests.case_factories import (
    REASONS,
    case_decided,
    case_in_lane,
    fresh,
    handler_user,
    lead_user,
)
from waakhond.cases.workflow import Lane, Outcome
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import State

pytestmark = pytest.mark.django_db


def _reopen(complaint, lead):
    transitions.case_transition(
        complaint=complaint,
        to_state=State.IN_LANE,
        actor=lead,
        reason="Het bezwaar is gegrond verklaard.",
    )
    return fresh(complaint)


def _decide(complaint, actor, **kwargs):
    return decisions.case_decide(
        complaint=fresh(complaint),
        actor=actor,
        outcome=kwargs.pop("outcome", Outcome.INFRINGEMENT_ESTABLISHED),
        reasons=REASONS,
        **kwargs,
    )


class CaseDecideAgainTests:
    def test_a_reopened_case_gets_a_new_decision_and_the_old_one_is_superseded(self):
        handler, lead = handler_user(), lead_user()
        complaint = case_decided(handler=handler, outcome=Outcome.REJECTED_NO_INFRINGEMENT)
        first = complaint_current_decision(complaint)
        complaint = _reopen(complaint, lead)

        second = _decide(complaint, lead)

        first.refresh_from_db()
        assert first.superseded_at is not None
        assert first.superseded_by == second
        assert second.superseded_at is None
        assert complaint_current_decision(complaint) == second
        assert complaint_decisions(complaint) == [first, second]
        assert fresh(complaint).state == State.DECIDED
        assert Letter.objects.filter(complaint=complaint, kind="decision").count() == 2
        event = AuditEvent.objects.filter(event_type=AuditEventType.CASE_DECIDED).last()
        assert event.data["supersedes"] == first.pk

    def test_a_decided_case_that_was_not_reopened_is_refused_and_nothing_changes(self):
        handler = handler_user()
        complaint = case_decided(handler=handler)
        events, decisions_before = AuditEvent.objects.count(), Decision.objects.count()
        with pytest.raises(common.TransitionRefused):
            _decide(complaint, handler)
        assert Decision.objects.count() == decisions_before
        assert AuditEvent.objects.count() == events
        assert complaint_current_decision(complaint).superseded_at is None

    def test_the_database_allows_one_current_decision_per_complaint(self):
        complaint = case_decided(handler=handler_user())
        current = complaint_current_decision(complaint)
        with pytest.raises(IntegrityError), transaction.atomic():
            Decision.objects.create(
                complaint=complaint,
                outcome=current.outcome,
                reasons=REASONS,
                decided_on=current.decided_on,
                made_known_on=current.made_known_on,
                decided_by=current.decided_by,
            )

    def test_a_decision_before_the_earlier_one_is_refused_and_nothing_changes(self):
        handler, lead = handler_user(), lead_user()
        complaint = case_decided(handler=handler, received_days_ago=40)
        complaint = _reopen(complaint, lead)
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError) as refused:
            _decide(complaint, lead, decided_on=common.today() - dt.timedelta(days=3))
        assert refused.value.field == "decided_on"
        assert fresh(complaint).state == State.IN_LANE
        assert Decision.objects.filter(complaint=complaint).count() == 1
        assert AuditEvent.objects.count() == events


class DecidedOnTests:
    def test_a_decision_can_be_dated_in_the_past_for_the_record_and_the_statistics(self):
        handler = handler_user()
        complaint = case_in_lane(lane=Lane.INVESTIGATE, handler=handler, received_days_ago=90)
        day = common.today() - dt.timedelta(days=30)
        decision = _decide(complaint, handler, decided_on=day)
        assert decision.decided_on == day
        assert decision.made_known_on == day
        event = AuditEvent.objects.filter(event_type=AuditEventType.CASE_DECIDED).last()
        assert event.data["decided_on"] == day.isoformat()

    @pytest.mark.parametrize(
        "days",
        [
            -1,  # tomorrow: a decision cannot be dated in the future
            91,  # before the complaint was received
        ],
    )
    def test_a_date_out_of_range_is_refused_and_nothing_changes(self, days):
        handler = handler_user()
        complaint = case_in_lane(lane=Lane.INVESTIGATE, handler=handler, received_days_ago=90)
        before = fresh(complaint)
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError) as refused:
            _decide(complaint, handler, decided_on=common.today() - dt.timedelta(days=days))
        assert refused.value.field == "decided_on"
        assert fresh(complaint).state == before.state == State.IN_LANE
        assert not Decision.objects.filter(complaint=complaint).exists()
        assert AuditEvent.objects.count() == events

    def test_a_received_date_in_the_complaints_own_time_zone_is_the_earliest(self):
        handler = handler_user()
        complaint = case_in_lane(lane=Lane.INVESTIGATE, handler=handler, received_days_ago=10)
        received_on = timezone.localdate(complaint.received_at)
        assert _decide(complaint, handler, decided_on=received_on).decided_on == received_on
