"""The panel's forms for a quick intervention, an objection's deferral and repeated extensions."""

import datetime as dt

import pytest

from django.urls import reverse

from waakhond.cases.models import Objection, OrganisationContact
from waakhond.cases.services import common
from waakhond.cases.services.common import case_version
from waakhond.cases.services.deadline_records import case_extend
from waakhond.cases.services.letters import letter_create
from waakhond.cases.tests.case_factories import (
    case_in_lane,
    fresh,
    handler_user,
    lead_user,
    objection_case,
)
from waakhond.cases.workflow import Lane, LetterKind

pytestmark = pytest.mark.django_db


def _url(name, complaint, *args):
    return reverse(f"handling:{name}", args=[complaint.reference, *args])


def _quick_intervention():
    handler = handler_user()
    complaint = case_in_lane(lane=Lane.QUICK_INTERVENTION, handler=handler)
    letter = letter_create(
        complaint=complaint, kind=LetterKind.ORGANISATION_LETTER, actor=handler, extra={}
    )
    return fresh(complaint), OrganisationContact.objects.get(letter=letter), handler


def test_the_panel_shows_the_organisation_contact_with_its_forms(client):
    complaint, _contact, handler = _quick_intervention()
    client.force_login(handler)
    page = client.get(_url("case", complaint)).content.decode()
    assert "Contact met de organisatie" in page
    assert "Nog geen antwoord van de organisatie." in page
    assert _url("organisation_answer", complaint) in page
    assert _url("organisation_follow_up", complaint) in page


def test_a_handler_records_the_answer_and_sets_the_follow_up_date(client):
    complaint, contact, handler = _quick_intervention()
    client.force_login(handler)
    today = common.today()
    response = client.post(
        _url("organisation_answer", complaint),
        {
            "version": case_version(complaint),
            "contact": contact.pk,
            "answer": "Wij stoppen ermee.",
            "received_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    follow_up = today + dt.timedelta(days=10)
    response = client.post(
        _url("organisation_follow_up", complaint),
        {
            "version": case_version(fresh(complaint)),
            "contact": contact.pk,
            "follow_up_on": follow_up.isoformat(),
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.answer, contact.follow_up_on) == ("Wij stoppen ermee.", follow_up)
    page = client.get(_url("case", complaint)).content.decode()
    assert "Wij stoppen ermee." in page


def test_a_refused_follow_up_date_is_shown_with_what_was_typed(client):
    complaint, contact, handler = _quick_intervention()
    client.force_login(handler)
    yesterday = common.today() - dt.timedelta(days=1)
    response = client.post(
        _url("organisation_follow_up", complaint),
        {
            "version": case_version(complaint),
            "contact": contact.pk,
            "follow_up_on": yesterday.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Kies een controledatum vanaf vandaag." in response.content.decode()
    contact.refresh_from_db()
    assert contact.follow_up_on is None


def test_another_case_s_contact_is_not_found(client):
    complaint, _contact, handler = _quick_intervention()
    _other, other_contact, _ = _quick_intervention()
    client.force_login(handler)
    response = client.post(
        _url("organisation_answer", complaint),
        {
            "version": case_version(complaint),
            "contact": other_contact.pk,
            "answer": "x",
            "received_on": common.today().isoformat(),
        },
    )
    assert response.status_code == 404


def test_a_team_lead_defers_an_objection_through_the_panel_once(client):
    lead = lead_user()
    _original, case = objection_case()
    client.force_login(lead)
    page = client.get(_url("case", case)).content.decode()
    assert _url("objection_defer", case) in page
    response = client.post(
        _url("objection_defer", case),
        {"version": case_version(case), "weeks": 4, "reason": "Hoorzitting later."},
    )
    assert response.status_code == 302
    assert Objection.objects.get(case=case).deferral_weeks == 4
    page = client.get(_url("case", case)).content.decode()
    assert _url("objection_defer", case) not in page
    assert "verdaagd met 4 weken" in page


def test_a_deferral_beyond_six_weeks_is_refused_with_the_reason(client):
    lead = lead_user()
    _original, case = objection_case()
    client.force_login(lead)
    response = client.post(
        _url("objection_defer", case),
        {"version": case_version(case), "weeks": 8, "reason": "Lang."},
    )
    assert response.status_code == 400
    assert "ten hoogste 6 weken" in response.content.decode()
    assert Objection.objects.get(case=case).deferral_weeks == 0


def test_after_one_extension_the_panel_still_offers_a_new_date(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler, received_days_ago=40)
    case_extend(
        complaint=complaint,
        actor=handler,
        new_due_on=common.today() + dt.timedelta(weeks=4),
        reason="Stukken.",
    )
    client.force_login(handler)
    page = client.get(_url("case", complaint)).content.decode()
    assert _url("extend", complaint) in page
