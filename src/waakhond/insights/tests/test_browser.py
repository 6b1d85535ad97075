"""A team lead logs in, opens the dashboard and a pattern; the pages pass axe (WCAG 2.1 AA)."""

import re

import pytest

from waakhond.insights.models import Pattern
from waakhond.insights.services import insights_index_complaint

from .factories import complaint, user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"


def test_a_team_lead_opens_the_dashboard_and_a_pattern(live_server, page, axe):
    user("teamlead", "team_lead")
    for i, org in enumerate(["Gemeente Dronten", "Gemeente Almere", "Gemeente Lelystad"]):
        c = complaint(
            organisation=org,
            text=f"tekst {i} " * 6,
            practices=("camera", "audio_recording"),
            groups=("welfare_recipients",),
            categories=("camera_surveillance",),
        )
        insights_index_complaint(complaint=c)
    pattern = Pattern.objects.get(key="practice:recording:g-welfare_recipients")

    page.goto(f"{live_server.url}/staff/insights/")
    assert "/account/login/" in page.url
    page.fill("#id_auth-username", "teamlead")
    page.fill("#id_auth-password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/staff/insights/$"))
    assert page.get_by_role("heading", name="Signalen").is_visible()
    assert axe(page) == []

    page.get_by_role("link", name=re.compile("Opnemen van beeld of geluid")).first.click()
    page.wait_for_url(re.compile(rf".*/staff/insights/patterns/{pattern.pk}/$"))
    assert page.get_by_text("Gemeente Almere").first.is_visible()
    assert page.locator("table.wh-table").nth(1).locator("tbody tr").count() == 3
    assert axe(page) == []

    page.goto(f"{live_server.url}/staff/insights/figures/intake/")
    assert page.locator("svg[role=img]").count() == 5
    assert axe(page) == []
