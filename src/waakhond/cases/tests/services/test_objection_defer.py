"""Deferring the decision on an objection once, by at most six weeks (Awb 7:10(3))."""

import datetime as dt

import pytest

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.models import Letter, Objection, OutgoingMessage
from waakhond.cases.selectors_deadlines import complaint_deadlines
from waakhond.cases.services import common
from waakhond.cases.services.deadline_records import objection_defer
from waakhond.cases.tests.case_factories import (
    case_in_lane,
    fresh,
    handler_user,
    lead_user,
    objection_case,
)
from waakhond.common.errors import ApplicationError

pytestmark = pytest.mark.django_db


def _due(case):
    return next(d.due for d in complaint_deadlines(case) if d.key == "objection_decision")


def _defer(case, actor, weeks=6):
    return objection_defer(
        complaint=fresh(case), actor=actor, weeks=weeks, reason="Wij horen eerst de organisatie."
    )


class ObjectionDeferTests:
    def test_the_decision_date_moves_and_the_objector_gets_a_letter(self):
        lead = lead_user()
        _original, case = objection_case()
        before = _due(case)
        link = _defer(case, lead, weeks=6)
        assert (link.deferral_weeks, link.deferred_on) == (6, common.today())
        after = _due(case)
        assert after >= before + dt.timedelta(weeks=6)
        assert (after - before).days <= 6 * 7 + 3  # only a weekend or holiday more (Atw)
        letter = Letter.objects.get(complaint=case, kind="objection_deferral")
        assert after.strftime("%Y") in letter.body and "7:10" in letter.body
        assert OutgoingMessage.objects.filter(letter=letter).exists()
        event = AuditEvent.objects.filter(event_type=AuditEventType.CASE_DEADLINE_CHANGED).last()
        assert event.data["record"] == "objection_deferral"
        assert event.data["weeks"] == 6
        assert fresh(case).next_deadline <= after

    @pytest.mark.parametrize(
        ("weeks", "second"),
        [
            (7, False),  # more than six weeks needs the objector's consent (Awb 7:10(4))
            (0, False),  # no deferral at all
            (2, True),  # a second deferral
        ],
    )
    def test_a_deferral_the_law_does_not_allow_is_refused_and_nothing_changes(self, weeks, second):
        lead = lead_user()
        _original, case = objection_case()
        if second:
            _defer(case, lead, weeks=2)
        link_before = Objection.objects.get(case=case)
        letters, events = Letter.objects.count(), AuditEvent.objects.count()
        with pytest.raises(ApplicationError) as refused:
            _defer(case, lead, weeks=weeks)
        assert refused.value.field == "weeks"
        assert "7:10" in refused.value.message
        link = Objection.objects.get(case=case)
        assert (link.deferral_weeks, link.deferred_on) == (
            link_before.deferral_weeks,
            link_before.deferred_on,
        )
        assert Letter.objects.count() == letters
        assert AuditEvent.objects.count() == events

    def test_a_complaint_that_is_no_objection_cannot_be_deferred(self):
        handler = handler_user()
        complaint = case_in_lane(handler=handler)
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError):
            _defer(complaint, handler)
        assert AuditEvent.objects.count() == events

    def test_after_the_decision_period_has_ended_it_is_too_late(self, monkeypatch):
        lead = lead_user()
        _original, case = objection_case()
        later = _due(case) + dt.timedelta(days=1)
        monkeypatch.setattr(common, "today", lambda: later)
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError) as refused:
            _defer(case, lead)
        assert "verstreken" in refused.value.message
        assert Objection.objects.get(case=case).deferral_weeks == 0
        assert AuditEvent.objects.count() == events
