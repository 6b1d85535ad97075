"""complaint_create: a complaint is committed whole, or not at all."""

import pytest

from django.core import mail
from django.test import override_settings

from waakhond.audit.models import AuditEvent
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Attachment, Complaint, State, StatusChange, TriageStatus
from waakhond.intake.services import AttachmentUpload, complaint_create, submission_key_digest
from waakhond.intake.tokens import hash_status_token

from ..factories import PDF, submission

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Complaint.objects.count(),
        Attachment.objects.count(),
        StatusChange.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_complaint_is_stored_with_reference_first_status_line_and_audit_event():
    filed = complaint_create(submission=submission(started_on=None))

    complaint = Complaint.objects.get()
    assert filed.complaint == complaint
    assert complaint.reference == f"WH-{complaint.received_at.astimezone().year}-{complaint.pk:06d}"
    assert complaint.state == State.RECEIVED
    assert complaint.triage_status == TriageStatus.PENDING
    assert complaint.next_deadline is not None
    assert list(complaint.status_changes.values_list("to_state", flat=True)) == [State.RECEIVED]
    event = AuditEvent.objects.get(object_id=str(complaint.pk))
    assert event.event_type == "complaint.received"


def test_only_a_hash_of_the_status_token_is_stored():
    filed = complaint_create(submission=submission())
    complaint = Complaint.objects.get()
    assert filed.status_token and len(filed.status_token) >= 32
    assert complaint.status_token_hash == hash_status_token(filed.status_token)
    assert filed.status_token not in complaint.status_token_hash


def test_html_and_script_are_stored_as_the_text_that_was_typed():
    text = "<script>alert('x')</script><b>vet</b>"
    complaint_create(submission=submission(description=text, complainant_name=text))
    complaint = Complaint.objects.get()
    assert complaint.description == text
    assert complaint.complainant_name == text


def test_a_double_submit_returns_the_first_complaint_without_a_new_token():
    key = submission_key_digest("web", "a" * 43)
    first = complaint_create(submission=submission(), submission_key=key)
    second = complaint_create(submission=submission(description="anders"), submission_key=key)

    assert second.complaint.pk == first.complaint.pk
    assert second.duplicate_submit is True
    assert second.status_token is None
    assert Complaint.objects.count() == 1


def test_attachments_are_stored_with_size_and_checksum():
    upload = AttachmentUpload(name="brief.pdf", content=PDF, content_type="application/pdf")
    complaint_create(submission=submission(attachments=(upload,)))
    attachment = Attachment.objects.get()
    assert attachment.original_name == "brief.pdf"
    assert attachment.size == len(PDF)
    assert len(attachment.sha256) == 64
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF


@override_settings(WAAKHOND_ATTACHMENT_MAX_COUNT=2)
def test_too_many_attachments_are_refused_and_nothing_is_stored():
    upload = AttachmentUpload(name="brief.pdf", content=PDF, content_type="application/pdf")
    before = counts()
    with pytest.raises(ApplicationError) as refusal:
        complaint_create(submission=submission(attachments=(upload,) * 3))
    assert refusal.value.field == "attachments"
    assert counts() == before


@override_settings(WAAKHOND_ATTACHMENT_MAX_COUNT=1)
def test_a_mandate_does_not_count_against_the_attachment_limit():
    evidence = AttachmentUpload(name="brief.pdf", content=PDF, content_type="application/pdf")
    mandate = AttachmentUpload(
        name="mandaat.pdf", content=PDF, content_type="application/pdf", purpose="mandate"
    )
    complaint_create(
        submission=submission(
            representative="representative_body",
            representative_body="FNV",
            attachments=(mandate, evidence),
        )
    )
    assert sorted(Attachment.objects.values_list("purpose", flat=True)) == ["evidence", "mandate"]


def test_a_failure_halfway_leaves_no_complaint_and_no_files(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from waakhond.intake import services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "record_event", broken)
    upload = AttachmentUpload(name="brief.pdf", content=PDF, content_type="application/pdf")
    before = counts()
    with pytest.raises(RuntimeError):
        complaint_create(submission=submission(attachments=(upload,)))
    assert counts() == before
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_after_commit_the_complaint_is_triaged_and_acknowledged(
    triage_adapter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = complaint_create(submission=submission(language="en"))

    complaint = Complaint.objects.get()
    assert complaint.triage_status == TriageStatus.DONE
    assert complaint.state == State.TRIAGED
    assert complaint.band == "high"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatima@example.org"]
    assert complaint.reference in message.subject
    assert complaint.reference in message.body
    # The status token is shown once on screen, never e-mailed.
    assert filed.status_token not in message.body
    assert "status link" in message.body  # English, the complainant's language


def test_a_triage_failure_leaves_the_complaint_stored_and_not_yet_triaged(
    failing_triage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = complaint_create(submission=submission())

    complaint = Complaint.objects.get(pk=filed.complaint.pk)
    assert complaint.triage_status == TriageStatus.FAILED
    assert complaint.state == State.RECEIVED
    assert complaint.triage_attempts == 1
    assert "triage engine down" in complaint.triage_error
    assert complaint.get_triage_status_display()  # shown as "not yet triaged" in the queue
    # The acknowledgement still went out.
    assert len(mail.outbox) == 1
