"""A complainant files a complaint in Dutch in a real browser, mostly with the keyboard.

axe-core checks the form, the form with errors and the acknowledgement, at desktop and phone
width, for serious and critical WCAG 2.1 A/AA violations.
"""

import re

import pytest

from waakhond.intake.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assert_accessible(page, axe, where: str) -> None:
    violations = axe(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not violations, f"{where}: {summary}"


def _type_into(page, selector: str, text: str) -> None:
    page.focus(selector)
    page.keyboard.type(text)


def _fill_required_fields(page) -> None:
    _type_into(page, "#id_complainant_name", "Fatima de Vries")
    page.keyboard.press("Tab")
    page.keyboard.type("fatima@example.org")
    _type_into(page, "#id_organisation_name", "Gemeente Dronten")
    _type_into(
        page,
        "#id_description",
        "Bij elk gesprek aan de balie filmt de gemeente mij, zonder dat iemand het vraagt.",
    )


def test_a_complaint_is_filed_in_dutch_with_the_keyboard(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    _assert_accessible(page, axe, "form")

    # Send the form with nothing filled in: the error summary gets focus and links to fields.
    page.focus("#complaint-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Fout:")
    _assert_accessible(page, axe, "form with errors")
    page.locator("#error-summary a[href='#id_complainant_name']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#id_complainant_name"

    _fill_required_fields(page)
    # Radio buttons by keyboard: focus the group, arrow to the answer.
    page.focus("#id_ongoing_0")
    page.keyboard.press("Space")
    assert page.is_checked("#id_ongoing_0")
    page.fill("#id_started_on", "2019-05-01")
    page.focus("#complaint-form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/ontvangen/(#.*)?$"))
    complaint = Complaint.objects.get()
    assert page.locator("#reference").inner_text().strip() == complaint.reference
    assert re.match(r"WH-\d{4}-\d{6}$", complaint.reference)
    link = page.locator("#status-link").get_attribute("href")
    assert f"/status/{complaint.reference}/" in link
    assert complaint.ongoing is True
    _assert_accessible(page, axe, "acknowledgement")

    # The link is shown once.
    page.reload()
    assert page.locator("#status-link").count() == 0


def test_the_form_works_and_is_accessible_at_phone_width(live_server, phone_page, axe):
    page = phone_page
    page.goto(live_server.url + "/")
    # Nothing sticks out sideways at 390 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _assert_accessible(page, axe, "form on a phone")

    page.click("#complaint-form button[type=submit]")
    page.wait_for_selector("#error-summary")
    _assert_accessible(page, axe, "form with errors on a phone")

    _fill_required_fields(page)
    page.check("#id_representative_1")  # for someone else: that person's name appears
    assert page.is_visible("#id_represented_person")
    page.fill("#id_represented_person", "Mijn moeder")
    page.click("#complaint-form button[type=submit]")
    page.wait_for_url(re.compile(r"/ontvangen/(#.*)?$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _assert_accessible(page, axe, "acknowledgement on a phone")
    assert Complaint.objects.get().represented_person == "Mijn moeder"
