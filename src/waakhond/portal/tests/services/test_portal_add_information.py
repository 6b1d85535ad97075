"""Adding information and files through the status link."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from waakhond.audit.models import AuditEvent
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Attachment, ComplainantMessage, State
from waakhond.intake.services import AttachmentUpload
from waakhond.intake.tests.factories import EXE, PDF
from waakhond.portal.services import portal_add_information

from ..factories import case_awaiting, case_decided, case_in_lane, fresh, handler_user, opened

pytestmark = pytest.mark.django_db


def _added_events(complaint):
    return AuditEvent.objects.filter(
        event_type="portal.information.added", object_id=str(complaint.pk)
    )


class TestPortalAddInformation:
    def test_text_and_a_file_are_stored_as_the_complainants_own(self):
        complaint = case_in_lane()

        message = portal_add_information(
            complaint=complaint,
            text="De gemeente filmt nog steeds.",
            attachments=[AttachmentUpload("brief.pdf", PDF, "application/pdf")],
        )

        assert message.text == "De gemeente filmt nog steeds."
        attachment = message.attachments.get()
        assert attachment.complaint == complaint
        assert attachment.added_by_complainant is True
        assert attachment.content_type == "application/pdf"
        assert attachment.file.read() == PDF
        event = _added_events(complaint).get()
        assert event.data["attachments"] == [attachment.pk]
        assert event.data["by"] == "complainant"

    def test_nothing_to_add_is_refused_and_nothing_is_stored(self):
        complaint = case_in_lane()

        with pytest.raises(ApplicationError):
            portal_add_information(complaint=complaint, text="   ", attachments=[])

        assert not ComplainantMessage.objects.exists()
        assert not _added_events(complaint).exists()

    def test_after_a_decision_information_is_refused_and_objection_is_pointed_to(self):
        complaint = case_decided()
        files_before = Attachment.objects.count()

        with pytest.raises(ApplicationError, match="bezwaar"):
            portal_add_information(
                complaint=complaint,
                text="Nog iets.",
                attachments=[AttachmentUpload("brief.pdf", PDF, "application/pdf")],
            )

        assert not ComplainantMessage.objects.exists()
        assert Attachment.objects.count() == files_before
        assert not _added_events(complaint).exists()

    def test_a_case_waiting_for_the_complainant_resumes_and_the_handler_is_told(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        handler = handler_user(email="behandelaar@ap.example")
        complaint = case_awaiting(handler=handler)
        assert complaint.state == State.AWAITING_COMPLAINANT
        mailoutbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            portal_add_information(complaint=complaint, text="Hier is de brief.", attachments=[])

        assert fresh(complaint).state == State.IN_LANE
        assert _added_events(complaint).get().data["case_was_waiting"] is True
        to_handler = [m for m in mailoutbox if m.to == ["behandelaar@ap.example"]]
        assert len(to_handler) == 1
        assert complaint.reference in to_handler[0].subject
        assert "Hier is de brief." not in to_handler[0].body


class TestAddInformationPage:
    def test_the_page_stores_text_and_file_and_returns_to_the_status_page(self):
        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)

        response = client.post(
            f"/status/{complaint.reference}/aanvullen/",
            {
                "text": "Nieuwe opnames.",
                "attachments": [SimpleUploadedFile("foto.pdf", PDF, "application/pdf")],
            },
        )

        assert response.status_code == 302
        assert ComplainantMessage.objects.get().attachments.count() == 1
        page = client.get(response["Location"])
        assert "Wij hebben uw aanvulling ontvangen." in page.content.decode()
        assert "U heeft informatie toegevoegd, met 1 bestand(en)." in page.content.decode()

    def test_a_bad_file_type_is_refused_with_a_clear_message_and_nothing_is_stored(self):
        complaint = case_in_lane()
        client = Client()
        opened(client, complaint)
        before = Attachment.objects.count()

        response = client.post(
            f"/status/{complaint.reference}/aanvullen/",
            {
                "text": "Zie bijlage.",
                "attachments": [SimpleUploadedFile("factuur.pdf", EXE, "application/pdf")],
            },
        )

        assert response.status_code == 400
        body = response.content.decode()
        assert "Het bestand ‘factuur.pdf’ is een programma of script." in body
        assert "Er is niets opgeslagen." in body
        assert Attachment.objects.count() == before
        assert not ComplainantMessage.objects.exists()
        assert not _added_events(complaint).exists()
