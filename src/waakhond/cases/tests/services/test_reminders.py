import datetime as dt

import pytest

from django.core.management import call_command

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.deadlines import add_working_days
from waakhond.cases.models import OutgoingMessage
from waakhond.cases.services import common
from waakhond.cases.services.reminders import deadline_reminders_send
from waakhond.cases.tests.case_factories import case_in_lane, handler_user, lead_user
from waakhond.cases.tests.factories import complaint_factory

pytestmark = pytest.mark.django_db


def _reminders():
    return AuditEvent.objects.filter(event_type=AuditEventType.CASE_REMINDER_SENT)


def test_an_overdue_case_gets_one_reminder_to_its_handler_and_no_second():
    handler = handler_user(email="behandelaar@example.org")
    case_in_lane(handler=handler, received_days_ago=70)  # decision period (8 weeks) has passed
    sent = deadline_reminders_send()
    assert [(r.key, r.status) for r in sent] == [("decision", "overdue")]
    message = OutgoingMessage.objects.get(to="behandelaar@example.org")
    assert "Termijn verlopen" in message.subject
    assert "Waarom deze datum" in message.body
    assert deadline_reminders_send() == []
    assert _reminders().count() == 1


def test_a_case_at_risk_reminds_once_and_again_once_overdue():
    handler = handler_user(email="behandelaar@example.org")
    complaint = case_in_lane(handler=handler, received_days_ago=53)
    from waakhond.cases.selectors_deadlines import complaint_deadlines

    due = next(d.due for d in complaint_deadlines(complaint) if d.key == "decision")
    today = common.today()
    assert today <= due <= add_working_days(today, 5)
    assert [r.status for r in deadline_reminders_send(today=today)] == ["at_risk"]
    assert deadline_reminders_send(today=today) == []
    assert [r.status for r in deadline_reminders_send(today=due + dt.timedelta(days=1))] == [
        "overdue"
    ]
    assert _reminders().count() == 2


def test_an_unassigned_case_reminds_the_team_leads():
    lead_user(email="lead@example.org")
    complaint_factory(triage="high", received_days_ago=70)
    deadline_reminders_send()
    assert OutgoingMessage.objects.filter(to="lead@example.org").count() == 1


def test_the_command_with_dry_run_sends_and_records_nothing(capsys):
    case_in_lane(handler=handler_user(email="h@example.org"), received_days_ago=70)
    call_command("send_deadline_reminders", "--dry-run")
    assert "1 reminder(s) would send" in capsys.readouterr().out
    assert not OutgoingMessage.objects.filter(to="h@example.org").exists()
    assert not _reminders().exists()
    call_command("send_deadline_reminders")
    assert _reminders().count() == 1
