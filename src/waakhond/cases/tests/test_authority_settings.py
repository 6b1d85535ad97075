"""The authority's name, address and website in letters come from the settings."""

import pytest

from django.test import override_settings

from waakhond.cases import letters as texts
from waakhond.cases.tests.case_factories import case_decided, handler_user
from waakhond.cases.workflow import LetterKind

pytestmark = pytest.mark.django_db

OTHER = {
    "WAAKHOND_AUTHORITY_NAME": {"nl": "Toezichthouder Test", "en": "Test Authority"},
    "WAAKHOND_AUTHORITY_ADDRESS": {"nl": "Postbus 1, 1000 AA Stad", "en": "PO Box 1, Town"},
    "WAAKHOND_AUTHORITY_WEBSITE": {"nl": "https://test.example", "en": "https://test.example/en"},
}


def test_the_defaults_are_the_dutch_authority():
    assert texts.authority("nl")["name"] == "Autoriteit Persoonsgegevens"
    assert texts.authority("en")["address"].startswith("PO Box 93374")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_letters_and_the_objection_clause_use_the_configured_authority(language):
    complaint = case_decided(handler=handler_user())
    with override_settings(**OTHER):
        context = texts.letter_context(complaint, kind=LetterKind.DECISION, language=language)
        assert context["authority"]["name"] == OTHER["WAAKHOND_AUTHORITY_NAME"][language]
        assert context["authority"]["website"] == OTHER["WAAKHOND_AUTHORITY_WEBSITE"][language]
        assert OTHER["WAAKHOND_AUTHORITY_ADDRESS"][language] in context["remedy_clause"]


def test_a_language_without_its_own_value_falls_back_to_dutch():
    with override_settings(WAAKHOND_AUTHORITY_NAME={"nl": "Alleen Nederlands"}):
        assert texts.authority("en")["name"] == "Alleen Nederlands"
