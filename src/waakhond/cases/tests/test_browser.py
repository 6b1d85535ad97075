"""A member of staff logs in, finds the serious complaint on top, reads why and overrides it."""

import re

import pytest

from django.contrib.auth import get_user_model

from waakhond.accounts.roles import INTAKE_OFFICER
from waakhond.intake.models import Complaint, PriorityDecision

from .factories import PASSWORD, complaint_factory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_log_in_read_the_explanation_and_override_the_priority(live_server, page, axe):
    staff_user(INTAKE_OFFICER, username="intake")
    low = complaint_factory(triage="low", organisation_name="Webwinkel BV", received_days_ago=30)
    high = complaint_factory(triage="high", organisation_name="Gemeente Dronten")

    page.goto(f"{live_server.url}/staff/")
    assert "/account/login/" in page.url
    page.fill("#id_auth-username", "intake")
    page.fill("#id_auth-password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/staff/$"))

    rows = page.locator("table.wh-table tbody tr")
    assert rows.count() == 2
    assert high.reference in rows.nth(0).inner_text()
    assert "Hoog" in rows.nth(0).inner_text()
    assert low.reference in rows.nth(1).inner_text()
    assert axe(page) == []

    page.get_by_role("link", name=high.reference).click()
    page.wait_for_url(re.compile(rf".*/staff/complaints/{high.reference}/$"))
    assert page.get_by_text("Hoe zwaar is de betrokkene geraakt?").is_visible()
    assert page.get_by_text("Wat is de maatschappelijke betekenis?").is_visible()
    assert page.get_by_text("Kan de AP doeltreffend en doelmatig optreden?").is_visible()
    assert page.locator("mark.wh-evidence").count() >= 1
    assert axe(page) == []

    # An override without a reason is refused with a clear error at the field.
    page.select_option("#id_band", "low")
    page.get_by_role("button", name="Prioriteit vastleggen").click()
    assert page.locator("#reason-error").is_visible()
    assert not PriorityDecision.objects.exists()

    page.fill("#id_reason", "De gemeente is al gestopt met filmen.")
    page.get_by_role("button", name="Prioriteit vastleggen").click()
    assert page.get_by_text("De prioriteit is vastgelegd.").is_visible()
    assert page.get_by_text("De gemeente is al gestopt met filmen.").first.is_visible()
    decision = PriorityDecision.objects.get()
    assert (decision.action, decision.band_after) == ("override", "low")
    assert decision.actor == get_user_model().objects.get(username="intake")
    assert Complaint.objects.get(pk=high.pk).band == "low"
