"""Letters: every kind in Dutch and English with the case's facts, the objection clause in
every decision, a broken placeholder refused when saved and never half-made, a real PDF."""

import importlib

import pytest

from django.apps import apps as django_apps

from waakhond.accounts.access import PermissionDenied
from waakhond.accounts.roles import ADMINISTRATOR
from waakhond.cases import letters as texts
from waakhond.cases.admin import LetterTemplateForm
from waakhond.cases.models import Letter, LetterTemplate
from waakhond.cases.selectors import complaint_current_decision
from waakhond.cases.services.letter_templates import letter_template_save
from waakhond.cases.services.letters import build_letter, letter_create
from waakhond.cases.tests.case_factories import (
    case_decided,
    case_in_lane,
    handler_user,
    objection_case,
)
from waakhond.cases.tests.factories import staff_user
from waakhond.cases.workflow import LetterKind
from waakhond.common.errors import ApplicationError

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.7\n% test\n%%EOF\n"


@pytest.fixture
def fast_pdf(monkeypatch):
    monkeypatch.setattr(texts, "html_to_pdf", lambda html: FAKE_PDF)


EXTRA = {
    LetterKind.INFORMATION_REQUEST: {"text": "Stuur de brief van de gemeente mee."},
    LetterKind.REQUEST_LETTER: {"right": "access"},
    LetterKind.ORGANISATION_LETTER: {
        "text": "Het filmen van bijstandsgesprekken vraagt een grondslag."
    },
    LetterKind.REFERRAL: {"target_name": "Data Protection Commission"},
}


@pytest.fixture
def cases(fast_pdf):
    """A decided case and an objection case against another decision, decided too."""
    handler = handler_user()
    decided = case_decided(handler=handler, organisation_name="Gemeente Nissewaard")
    original, objection = objection_case(handler=handler, organisation_name="Gemeente Nissewaard")
    from waakhond.cases.services.decisions import case_decide
    from waakhond.cases.tests.case_factories import REASONS, fresh

    lead = staff_user("team_lead")
    case_decide(
        complaint=fresh(objection), actor=lead, outcome="objection_dismissed", reasons=REASONS
    )
    return {"decided": fresh(decided), "objection": fresh(objection), "handler": handler}


OBJECTION_KINDS = {LetterKind.OBJECTION_ACKNOWLEDGEMENT, LetterKind.OBJECTION_DECISION}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", [kind.value for kind in LetterKind])
def test_every_kind_renders_in_both_languages_with_the_facts_of_the_case(cases, kind, language):
    complaint = cases["objection" if kind in OBJECTION_KINDS else "decided"]
    letter = build_letter(
        complaint=complaint,
        kind=kind,
        actor=cases["handler"],
        language=language,
        extra=EXTRA.get(LetterKind(kind)),
    )
    assert letter.language == language
    assert complaint.reference in letter.subject or complaint.reference in letter.body
    assert "Gemeente Nissewaard" in letter.subject + letter.body
    if letter.recipient == "complainant" and kind != LetterKind.REQUEST_LETTER:
        assert complaint.complainant_name in letter.body
    assert "[" not in letter.body, "no placeholder left unfilled"
    assert letter.pdf.read().startswith(b"%PDF")
    greeting = "Yours" if language == "en" else "Met vriendelijke groet"
    assert greeting in letter.body


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_decision_letter_carries_the_objection_clause(cases, language):
    complaint = cases["decided"]
    letter = build_letter(
        complaint=complaint, kind="decision", actor=cases["handler"], language=language
    )
    assert "6:7" in letter.body
    assert ("zes weken" if language == "nl" else "six weeks") in letter.body
    assert "Postbus 93374" in letter.body or "PO Box 93374" in letter.body
    decision = complaint_current_decision(complaint)
    assert (
        decision.made_known_on.year
        and texts.format_date(
            texts.rules.objection_deadlines(decision.made_known_on)[0].due, language
        )
        in letter.body
    )


def test_a_decision_on_an_objection_carries_the_appeal_clause(cases):
    letter = complaint_current_decision(cases["objection"]).letter
    assert "8:1" in letter.body and "rechtbank" in letter.body


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Geachte {{ case.complainant_nam }},", "case.complainant_nam"),  # a typo in a name
        ("Geachte {{ case.complainant_name ,", "geen geldig sjabloon"),  # unclosed
        ("{% if case.reference %}open", "geen geldig sjabloon"),  # unclosed block
        ("{% load static %}{{ case.reference }}", "niet is toegestaan"),  # reaches outside
    ],
)
def test_a_broken_placeholder_is_refused_when_the_template_is_saved(body, expected):
    form = LetterTemplateForm(
        data={
            "kind": "progress_notice",
            "language": "nl",
            "subject": "Stand van zaken",
            "body": body,
        },
        instance=LetterTemplate.objects.get(kind="progress_notice", language="nl"),
    )
    assert not form.is_valid()
    assert expected in str(form.errors["body"])


def test_a_decision_template_without_the_remedy_clause_is_refused():
    form = LetterTemplateForm(
        data={
            "kind": "decision",
            "language": "en",
            "subject": "Decision",
            "body": "{{ decision.outcome }}",
        },
        instance=LetterTemplate.objects.get(kind="decision", language="en"),
    )
    assert not form.is_valid()
    assert "remedy_clause" in str(form.errors)


def test_only_an_administrator_saves_a_template_and_the_change_is_logged():
    from waakhond.audit.models import AuditEvent, AuditEventType

    template = LetterTemplate.objects.get(kind="progress_notice", language="nl")
    template.subject = "Voortgang van uw klacht {{ case.reference }}"
    with pytest.raises(PermissionDenied):
        letter_template_save(template=template, actor=handler_user())
    letter_template_save(template=template, actor=staff_user(ADMINISTRATOR))
    assert LetterTemplate.objects.get(pk=template.pk).subject.startswith("Voortgang")
    assert AuditEvent.objects.filter(event_type=AuditEventType.LETTER_TEMPLATE_CHANGED).count() == 1


def test_a_template_broken_in_the_database_never_gives_a_half_made_letter(fast_pdf):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    LetterTemplate.objects.filter(kind="progress_notice", language="nl").update(
        body="{{ case.nope }}"
    )
    with pytest.raises(ApplicationError) as refused:
        letter_create(complaint=complaint, kind="progress_notice", actor=handler, language="nl")
    assert "case.nope" in refused.value.message
    assert not Letter.objects.filter(complaint=complaint).exists()


def test_a_letter_outside_the_lane_is_refused(fast_pdf):
    handler = handler_user()
    complaint = case_in_lane(lane="tip", handler=handler)
    with pytest.raises(ApplicationError):
        letter_create(complaint=complaint, kind="organisation_letter", actor=handler)


def test_the_pdf_is_a_real_pdf_made_by_weasyprint():
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    letter = letter_create(
        complaint=complaint, kind="progress_notice", actor=handler, language="nl"
    )
    data = letter.pdf.read()
    assert data.startswith(b"%PDF")
    assert len(data) > 1000


def test_the_seed_migration_adds_every_template_once_and_keeps_edited_ones():
    migration = importlib.import_module("waakhond.cases.migrations.0002_seed_letter_templates")
    assert LetterTemplate.objects.count() == len(LetterKind) * 2
    LetterTemplate.objects.filter(kind="decision", language="nl").update(subject="Aangepast")
    LetterTemplate.objects.filter(kind="referral", language="en").delete()
    migration.seed_letter_templates(django_apps, None)
    migration.seed_letter_templates(django_apps, None)
    assert LetterTemplate.objects.count() == len(LetterKind) * 2
    assert LetterTemplate.objects.get(kind="decision", language="nl").subject == "Aangepast"


@pytest.mark.parametrize("kind", [kind.value for kind in LetterKind])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_seeded_template_passes_the_check_an_administrator_gets(kind, language):
    template = LetterTemplate.objects.get(kind=kind, language=language)
    texts.check_template(kind=kind, language=language, subject=template.subject, body=template.body)
