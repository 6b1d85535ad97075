"""The complainant's side on a phone: answering a question with a file, then withdrawing.

Reading a decision through the status link, downloading the letter and filing an objection
(which becomes a linked case) are covered end to end, with the handler's side done on the
staff pages, in `waakhond/cases/tests/test_browser_case_to_decision.py`.
"""

import re

import pytest

from waakhond.intake.models import Complaint

from .factories import with_link

# `seeded` puts back the role groups and letter templates a previous test's flush removed.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded"),
]


def _fresh(complaint):
    return Complaint.objects.get(pk=complaint.pk)


def test_on_a_phone_the_complainant_answers_a_question_with_a_file_and_withdraws(
    live_server, phone_page, axe, tmp_path
):
    from waakhond.cases.tests.case_factories import case_awaiting
    from waakhond.intake.models import ComplainantMessage
    from waakhond.intake.tests.factories import EXE, PDF

    complaint = case_awaiting()
    token = with_link(complaint)
    page = phone_page
    good = tmp_path / "brief-gemeente.pdf"
    good.write_bytes(PDF)
    bad = tmp_path / "foto.pdf"
    bad.write_bytes(EXE)

    page.goto(f"{live_server.url}/status/{complaint.reference}/{token}/")
    page.wait_for_url(re.compile(rf".*/status/{complaint.reference}/$"))
    assert page.get_by_role("heading", name="Wij wachten op informatie van u").is_visible()
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("link", name="Informatie sturen").click()
    page.fill("#id_text", "Hierbij de brief van de gemeente.")
    page.set_input_files("#id_attachments", str(bad))
    page.get_by_role("button", name="Versturen").click()
    assert page.locator("#error-summary").is_visible()
    assert "is een programma of script" in page.locator("#error-summary").inner_text()
    assert not ComplainantMessage.objects.exists()
    assert axe(page) == []

    page.set_input_files("#id_attachments", str(good))
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(re.compile(rf".*/status/{complaint.reference}/$"))
    assert page.get_by_text("Wij hebben uw aanvulling ontvangen.").is_visible()
    assert ComplainantMessage.objects.get().attachments.count() == 1
    assert _fresh(complaint).state == "in_lane"
    assert axe(page) == []

    page.get_by_role("link", name="Klacht intrekken").click()
    assert axe(page) == []
    page.check("#id_confirm")
    page.get_by_role("button", name="Klacht intrekken").click()
    page.wait_for_url(re.compile(rf".*/status/{complaint.reference}/$"))
    assert _fresh(complaint).state == "withdrawn"
    assert page.locator("#state").inner_text() == "Ingetrokken"
    assert axe(page) == []
