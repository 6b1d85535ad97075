"""Letters made in bulk without their PDF get it on first need: download or e-mail."""

import importlib

import pytest

from django.apps import apps as django_apps
from django.urls import reverse

from waakhond.cases.letters import pdfs_deferred
from waakhond.cases.models import LetterTemplate, OutgoingMessage
from waakhond.cases.services.letters import letter_create, letter_send
from waakhond.cases.services.messages import delivery_held, message_deliver
from waakhond.cases.tests.case_factories import case_in_lane, handler_user
from waakhond.cases.workflow import LetterKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    monkeypatch.setattr(
        "waakhond.cases.letters.html_to_pdf", lambda html: b"%PDF-1.7\n% test\n%%EOF\n"
    )


def test_a_letter_made_with_pdfs_deferred_has_none_until_it_is_downloaded(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    with pdfs_deferred():
        letter = letter_create(complaint=complaint, kind=LetterKind.PROGRESS_NOTICE, actor=handler)
    assert not letter.pdf
    client.force_login(handler)
    response = client.get(reverse("handling:letter_pdf", args=[complaint.reference, letter.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    letter.refresh_from_db()
    assert letter.pdf


def test_outside_the_block_a_letter_is_made_with_its_pdf():
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    with pdfs_deferred():
        pass
    letter = letter_create(complaint=complaint, kind=LetterKind.PROGRESS_NOTICE, actor=handler)
    assert letter.pdf


def test_held_mail_stays_queued_and_is_sent_with_the_pdf_when_delivered(
    mailoutbox, django_capture_on_commit_callbacks
):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    with django_capture_on_commit_callbacks(execute=True), pdfs_deferred(), delivery_held():
        letter = letter_create(complaint=complaint, kind=LetterKind.PROGRESS_NOTICE, actor=handler)
        message = letter_send(letter=letter, actor=handler)
    assert mailoutbox == []
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.QUEUED
    delivered = message_deliver(message=message)
    assert delivered.status == OutgoingMessage.Status.SENT
    assert mailoutbox[0].attachments[0][2] == "application/pdf"


def test_the_deferral_letter_template_migration_adds_both_languages_once_and_keeps_edits():
    migration = importlib.import_module(
        "waakhond.cases.migrations.0005_seed_objection_deferral_letter"
    )
    kind = LetterKind.OBJECTION_DEFERRAL
    assert set(LetterTemplate.objects.filter(kind=kind).values_list("language", flat=True)) == {
        "nl",
        "en",
    }
    LetterTemplate.objects.filter(kind=kind, language="nl").update(subject="Aangepast")
    LetterTemplate.objects.filter(kind=kind, language="en").delete()
    migration.seed_objection_deferral_letter(django_apps, None)
    migration.seed_objection_deferral_letter(django_apps, None)
    assert LetterTemplate.objects.filter(kind=kind).count() == 2
    assert LetterTemplate.objects.get(kind=kind, language="nl").subject == "Aangepast"
