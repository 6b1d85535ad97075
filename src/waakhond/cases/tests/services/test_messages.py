"""A mail server that is down never blocks a case; the message is retried and its failure shown."""

import pytest

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.models import OutgoingMessage
from waakhond.cases.services import messages
from waakhond.cases.services.decisions import case_decide
from waakhond.cases.tests.case_factories import REASONS, case_in_lane, fresh, handler_user
from waakhond.intake.models import State

pytestmark = pytest.mark.django_db


class MailServerDown(BaseEmailBackend):
    """A mail backend whose server refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


DOWN = "waakhond.cases.tests.services.test_messages.MailServerDown"


def _decide(handler, complaint):
    return case_decide(
        complaint=complaint, actor=handler, outcome="rejected_no_infringement", reasons=REASONS
    )


def test_a_failing_mail_server_leaves_the_case_decided_and_the_message_failed_with_the_error(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(handler, complaint)
    assert fresh(complaint).state == State.DECIDED
    message = OutgoingMessage.objects.get(letter=decision.letter)
    assert message.status == OutgoingMessage.Status.FAILED
    assert "mail server down" in message.last_error
    assert message.attempts == 1
    assert message.next_attempt_at is not None

    # Later the server is back: the retry succeeds and carries the PDF.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    message = messages.message_deliver(message=message, force=True)
    assert message.status == OutgoingMessage.Status.SENT
    assert message.sent_at is not None and message.last_error == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [complaint.complainant_email]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"


def test_a_retry_waits_for_its_time_unless_forced(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = DOWN
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(handler, complaint)
    message = OutgoingMessage.objects.get(letter=decision.letter)
    assert messages.messages_due() == []
    assert messages.message_deliver(message=message).attempts == 1  # not due: untouched


def test_a_message_is_given_up_after_the_last_attempt_and_that_is_logged(settings):
    settings.EMAIL_BACKEND = DOWN
    complaint = case_in_lane(handler=handler_user())
    message = messages.message_queue(
        complaint=complaint, to="klager@example.org", subject="Test", body="Tekst"
    )
    for _attempt in range(messages.MAX_ATTEMPTS):
        message = messages.message_deliver(message=message, force=True)
    assert message.status == OutgoingMessage.Status.GAVE_UP
    assert AuditEvent.objects.filter(event_type=AuditEventType.MESSAGE_GAVE_UP).count() == 1


def test_deliver_messages_sends_what_is_due(settings, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    complaint = case_in_lane(handler=handler_user())
    messages.message_queue(
        complaint=complaint, to="klager@example.org", subject="Test", body="Tekst"
    )
    call_command("deliver_messages", "--dry-run")
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.QUEUED
    call_command("deliver_messages")
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.SENT
