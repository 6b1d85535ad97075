"""Workload, deadlines at risk and letter templates pages."""

import pytest

from django.urls import reverse

from waakhond.accounts.roles import ADMINISTRATOR, AUDITOR, INTAKE_OFFICER
from waakhond.cases.tests.case_factories import case_in_lane, handler_user, lead_user
from waakhond.cases.tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_the_workload_shows_open_cases_per_handler_and_per_lane(client):
    handler = handler_user(username="behandelaar-a")
    case_in_lane(handler=handler)
    case_in_lane(handler=handler, lane="tip")
    client.force_login(lead_user())
    page = client.get(reverse("handling:workload")).content.decode()
    assert "behandelaar-a" in page
    assert "Per behandelspoor" in page and "Onderzoek" in page


@pytest.mark.parametrize("role", [INTAKE_OFFICER, AUDITOR, ADMINISTRATOR])
def test_the_workload_is_not_for_other_roles(client, role):
    client.force_login(staff_user(role))
    assert client.get(reverse("handling:workload")).status_code == 404


def test_the_team_lead_sees_overdue_deadlines_with_why_this_date(client):
    complaint = case_in_lane(handler=handler_user(), received_days_ago=70)
    client.force_login(lead_user())
    page = client.get(reverse("handling:at_risk")).content.decode()
    assert complaint.reference in page
    assert "verlopen" in page and "Waarom deze datum?" in page


def test_deadlines_at_risk_are_the_team_leads_page(client):
    client.force_login(handler_user())
    assert client.get(reverse("handling:at_risk")).status_code == 404


def test_an_administrator_may_edit_templates_and_a_handler_only_read_them(client):
    client.force_login(staff_user(ADMINISTRATOR))
    page = client.get(reverse("handling:letter_templates")).content.decode()
    assert "Aanpassen" in page and "Besluit" in page
    client.force_login(handler_user())
    page = client.get(reverse("handling:letter_templates")).content.decode()
    assert "Aanpassen" not in page
    client.force_login(staff_user(AUDITOR))
    assert client.get(reverse("handling:letter_templates")).status_code == 404
