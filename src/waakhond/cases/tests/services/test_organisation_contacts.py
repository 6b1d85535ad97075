"""Quick intervention: the organisation's answer, the follow-up date and its reminder."""

import datetime as dt

import pytest

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.models import OrganisationContact, OutgoingMessage
from waakhond.cases.services import common, lanes
from waakhond.cases.services.letters import letter_create
from waakhond.cases.services.organisation_contacts import (
    organisation_answer_record,
    organisation_follow_up_set,
)
from waakhond.cases.services.reminders import FOLLOW_UP_KEY, deadline_reminders_send
from waakhond.cases.tests.case_factories import case_in_lane, handler_user
from waakhond.cases.workflow import Lane, LetterKind
from waakhond.common.errors import ApplicationError

pytestmark = pytest.mark.django_db


def _contact(handler=None, **kwargs):
    handler = handler or handler_user(email="behandelaar@example.org")
    complaint = case_in_lane(lane=Lane.QUICK_INTERVENTION, handler=handler, **kwargs)
    letter = letter_create(
        complaint=complaint, kind=LetterKind.ORGANISATION_LETTER, actor=handler, extra={}
    )
    return OrganisationContact.objects.get(letter=letter), handler


def _contact_events():
    return AuditEvent.objects.filter(event_type=AuditEventType.CASE_ORGANISATION_CONTACT_CHANGED)


class OrganisationAnswerRecordTests:
    def test_the_answer_is_recorded_with_its_date_and_logged_without_its_text(self):
        contact, handler = _contact()
        today = common.today()
        organisation_answer_record(
            contact=contact, actor=handler, answer="Wij passen het aan.", received_on=today
        )
        contact.refresh_from_db()
        assert contact.answer == "Wij passen het aan."
        assert contact.answer_received_on == today
        event = _contact_events().get()
        assert event.data == {
            "record": "answer",
            "contact": contact.pk,
            "received_on": today.isoformat(),
        }

    @pytest.mark.parametrize(
        ("answer", "days", "field"),
        [
            ("", 0, "answer"),  # no text
            ("Goed.", -1, "received_on"),  # tomorrow
            ("Goed.", 1, "received_on"),  # before our letter went out (today)
        ],
    )
    def test_a_wrong_answer_is_refused_and_nothing_changes(self, answer, days, field):
        contact, handler = _contact()
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError) as refused:
            organisation_answer_record(
                contact=contact,
                actor=handler,
                answer=answer,
                received_on=common.today() - dt.timedelta(days=days),
            )
        assert refused.value.field == field
        contact.refresh_from_db()
        assert contact.answer == "" and contact.answer_received_on is None
        assert AuditEvent.objects.count() == events

    def test_an_answer_is_recorded_once(self):
        contact, handler = _contact()
        organisation_answer_record(
            contact=contact, actor=handler, answer="Eerste.", received_on=common.today()
        )
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError):
            organisation_answer_record(
                contact=contact, actor=handler, answer="Tweede.", received_on=common.today()
            )
        contact.refresh_from_db()
        assert contact.answer == "Eerste."
        assert AuditEvent.objects.count() == events

    def test_someone_else_s_handler_may_not_record_it(self):
        contact, _handler = _contact()
        other = handler_user()
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError):
            organisation_answer_record(
                contact=contact, actor=other, answer="Goed.", received_on=common.today()
            )
        contact.refresh_from_db()
        assert contact.answer_received_on is None
        assert AuditEvent.objects.count() == events


class OrganisationFollowUpSetTests:
    def test_the_follow_up_date_is_set_and_moved_with_before_and_after(self):
        contact, handler = _contact()
        first = common.today() + dt.timedelta(days=14)
        later = first + dt.timedelta(days=7)
        organisation_follow_up_set(contact=contact, actor=handler, follow_up_on=first)
        organisation_follow_up_set(
            contact=contact, actor=handler, follow_up_on=later, reason="Uitstel gevraagd."
        )
        contact.refresh_from_db()
        assert contact.follow_up_on == later
        moved = _contact_events().last()
        assert moved.data["before"] == first.isoformat()
        assert moved.data["after"] == later.isoformat()
        assert moved.reason == "Uitstel gevraagd."

    @pytest.mark.parametrize(
        "days",
        [
            -1,  # yesterday: a follow-up date lies ahead
            400,  # more than a year ahead
        ],
    )
    def test_a_date_out_of_range_is_refused_and_nothing_changes(self, days):
        contact, handler = _contact()
        events = AuditEvent.objects.count()
        with pytest.raises(ApplicationError) as refused:
            organisation_follow_up_set(
                contact=contact,
                actor=handler,
                follow_up_on=common.today() + dt.timedelta(days=days),
            )
        assert refused.value.field == "follow_up_on"
        contact.refresh_from_db()
        assert contact.follow_up_on is None
        assert AuditEvent.objects.count() == events


class FollowUpReminderTests:
    def test_the_handler_is_reminded_once_when_the_follow_up_date_arrives(self, monkeypatch):
        contact, handler = _contact()
        day = common.today() + dt.timedelta(days=3)
        organisation_follow_up_set(contact=contact, actor=handler, follow_up_on=day)
        before = [r for r in deadline_reminders_send(today=day - dt.timedelta(days=1))]
        assert FOLLOW_UP_KEY not in [r.key for r in before]

        sent = [r for r in deadline_reminders_send(today=day) if r.key == FOLLOW_UP_KEY]
        assert [(r.reference, r.due, r.status) for r in sent] == [
            (contact.complaint.reference, day, "due")
        ]
        message = OutgoingMessage.objects.get(
            to="behandelaar@example.org", subject__startswith="Controledatum"
        )
        assert contact.complaint.reference in message.body
        again = deadline_reminders_send(today=day + dt.timedelta(days=1))
        assert FOLLOW_UP_KEY not in [r.key for r in again]

    def test_a_dry_run_lists_the_reminder_and_records_nothing(self):
        contact, handler = _contact()
        organisation_follow_up_set(contact=contact, actor=handler, follow_up_on=common.today())
        events = AuditEvent.objects.count()
        sent = deadline_reminders_send(dry_run=True)
        assert FOLLOW_UP_KEY in [r.key for r in sent]
        assert AuditEvent.objects.count() == events

    def test_no_reminder_once_compliance_was_checked(self):
        contact, handler = _contact()
        organisation_follow_up_set(contact=contact, actor=handler, follow_up_on=common.today())
        lanes.case_step_done(complaint=contact.complaint, step="check_follow_up", actor=handler)
        assert FOLLOW_UP_KEY not in [r.key for r in deadline_reminders_send()]
