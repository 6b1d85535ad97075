"""A handler takes a complaint to a decision letter; the complainant reads it through the
status link, downloads the letter and files an objection, which becomes a linked case.

The handler logs in and works on the staff complaint page (confirming the priority there).
The case-handling steps that have no page yet -- taking the case, choosing the lane and
deciding -- go through the case services, exactly as those pages will call them.
"""

import re

import pytest

from waakhond.accounts.roles import CASE_HANDLER
from waakhond.cases.models import Letter, Objection
from waakhond.cases.services.assignment import case_take
from waakhond.cases.services.decisions import case_decide
from waakhond.cases.services.lanes import case_set_lane
from waakhond.cases.tests.factories import triage_result
from waakhond.cases.workflow import Lane, Outcome
from waakhond.intake.models import Complaint

from .factories import PASSWORD, complaint_factory, staff_user, with_link

# `seeded` puts back the role groups and letter templates a previous test's flush removed.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded"),
]

REASONS = (
    "De gemeente heeft na onze brief het filmen aan de balie gestopt en de opnames gewist. "
    "Een onderzoek voegt daarom weinig toe."
)


def _fresh(complaint):
    return Complaint.objects.get(pk=complaint.pk)


def test_handler_decides_and_complainant_reads_the_decision_and_objects(live_server, page, axe):
    handler = staff_user(CASE_HANDLER, username="behandelaar")
    complaint = complaint_factory(
        triage="high",
        organisation_name="Gemeente Dronten",
        result=triage_result("high", lane=Lane.QUICK_INTERVENTION),
    )

    # The handler logs in and opens the complaint; confirms the suggested priority there.
    page.goto(f"{live_server.url}/account/login/")
    page.fill("#id_auth-username", "behandelaar")
    page.fill("#id_auth-password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/staff/$"))
    page.goto(f"{live_server.url}/staff/complaints/{complaint.reference}/")
    page.get_by_role("button", name=re.compile("Voorstel bevestigen")).click()
    page.wait_for_load_state()
    assert _fresh(complaint).priority_confirmed

    # Take, lane, decision (with its letter and PDF) through the case services.
    case_take(complaint=_fresh(complaint), actor=handler)
    case_set_lane(complaint=_fresh(complaint), lane=Lane.QUICK_INTERVENTION, actor=handler)
    decision = case_decide(
        complaint=_fresh(complaint),
        actor=handler,
        outcome=Outcome.INTERVENTION_SUCCESSFUL,
        reasons=REASONS,
    )
    assert decision.letter.pdf

    # The complainant opens the private link (a fresh browser context: no staff session).
    token = with_link(complaint)
    context = page.context.browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    visitor = context.new_page()
    visitor.set_default_timeout(15000)
    visitor.goto(f"{live_server.url}/status/{complaint.reference}/{token}/")
    visitor.wait_for_url(re.compile(rf".*/status/{complaint.reference}/$"))
    assert token not in visitor.url

    assert visitor.locator("#decision-outcome").inner_text() == "Interventie geslaagd"
    assert "het filmen aan de balie gestopt" in visitor.locator("#decision-reasons").inner_text()
    assert "bezwaar maken" in visitor.locator("#objection-clause").inner_text()
    assert visitor.get_by_text("Wij geven uw klacht een hoge prioriteit.").is_visible()
    assert "behandelaar" not in visitor.locator("#timeline").inner_text()
    assert axe(visitor) == []

    # The decision letter as PDF, with the complainant's session.
    href = visitor.locator("#decision-letter").get_attribute("href")
    pdf = context.request.get(f"{live_server.url}{href}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert Letter.objects.get(pk=decision.letter.pk).visible_to_complainant

    # At phone width the page still passes and nothing needs sideways scrolling.
    visitor.set_viewport_size({"width": 390, "height": 844})
    assert axe(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # The objection.
    visitor.locator("#objection-button").click()
    visitor.wait_for_url(re.compile(r".*/bezwaar/$"))
    assert axe(visitor) == []
    visitor.get_by_role("button", name="Bezwaar versturen").click()
    assert visitor.locator("#error-summary").is_visible()
    assert not Objection.objects.exists()
    visitor.fill("#id_grounds", "Het filmen is niet gestopt: vorige week werd ik weer gefilmd.")
    visitor.get_by_role("button", name="Bezwaar versturen").click()
    visitor.wait_for_url(re.compile(r".*/bezwaar/ontvangen/$"))

    link = Objection.objects.get()
    assert link.decision == decision
    assert link.case.state == "objection"
    assert visitor.locator("h1").inner_text() == "Wij hebben uw bezwaar ontvangen"
    assert visitor.locator("#objection-reference").inner_text() == link.case.reference
    assert "artikel 7:10" in visitor.locator("#objection-next-deadline").inner_text()
    assert axe(visitor) == []

    # The objection case's own status page, and the original now points to it.
    visitor.get_by_role("link", name="Bekijk uw bezwaar").click()
    visitor.wait_for_url(re.compile(rf".*/status/{link.case.reference}/$"))
    assert "Wij hebben uw bezwaar ontvangen." in visitor.locator("#timeline").inner_text()
    assert axe(visitor) == []
    visitor.goto(f"{live_server.url}/status/{complaint.reference}/")
    assert visitor.get_by_role("link", name=f"Bekijk uw bezwaar {link.case.reference}").is_visible()
    assert visitor.locator("#objection-button").count() == 0
    visitor.set_viewport_size({"width": 1280, "height": 900})
    assert axe(visitor) == []

    # English through the language switch.
    visitor.get_by_role("button", name="English").click()
    visitor.wait_for_load_state()
    assert visitor.locator("html").get_attribute("lang") == "en"
    assert axe(visitor) == []
    context.close()


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
