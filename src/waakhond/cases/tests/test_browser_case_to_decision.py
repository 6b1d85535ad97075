"""From the public form to a decision letter and an objection, only through the browser.

A complainant files a complaint on the Dutch form and keeps the private status link. A case
handler logs in, finds the complaint in the queue, confirms the priority, takes the case,
confirms the lane the triage proposed (a quick intervention: the lane whose steps reach a
decision soonest among those that allow "not investigated for lack of priority") and decides
not to investigate for lack of priority, with the reasons and the three factors of the
priority policy. That makes the decision letter (a real PDF) and sends it. The complainant
reads the decision and the objection clause on the status page, opens the letter and files
an objection, which the handler then finds as a case of its own, linked to the original.

The workflow table asks for no step of the lane before the decision (the `decide` row checks
the role, the outcome the lane allows and the reasons), so no step is ticked off on the way.
The test writes nothing to the database itself but the staff account it logs in with and the
seeded roles and letter templates; it reads it only to check what the pages said.
"""

import re

import pytest
from playwright.sync_api import expect

from django.core.cache import cache

from waakhond.accounts.roles import CASE_HANDLER
from waakhond.cases.models import Decision, Objection
from waakhond.intake.models import Complaint

from .factories import PASSWORD, staff_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded"),
]

# Data migrations whose rows the test needs: the staff role groups and the default letter
# templates (the same seeds as the portal's browser tests restore). Both are idempotent.
_SEEDS = (
    ("waakhond.accounts.migrations.0001_create_role_groups", "create_groups"),
    ("waakhond.cases.migrations.0002_seed_letter_templates", "seed_letter_templates"),
)

DESCRIPTION = (
    "Mijn sportschool stuurt mij elke week een nieuwsbrief, terwijl ik mij al lang heb "
    "afgemeld. Ik heb ze gevraagd daarmee te stoppen, maar de nieuwsbrieven blijven komen."
)
REASONS = (
    "Wij onderzoeken uw klacht niet verder. De nieuwsbrieven zijn hinderlijk, maar raken u "
    "beperkt, en wij zetten onze capaciteit in op klachten met grotere gevolgen."
)
FACTORS = {
    "Factor a: hoe ernstig wordt de klager geraakt?": (
        "Beperkt: het gaat om uw e-mailadres en er worden geen gevoelige gegevens gebruikt."
    ),
    "Factor b: wat is het maatschappelijk belang?": (
        "Klein: wij zien geen aanwijzing dat veel mensen hierdoor worden geraakt."
    ),
    "Factor c: kunnen wij effectief en efficiënt optreden?": (
        "U kunt zich ook zelf afmelden via de link in de nieuwsbrief; een onderzoek kost "
        "veel tijd en voegt daarom weinig toe."
    ),
}
GROUNDS = "Ik krijg nog steeds elke week een nieuwsbrief. Dat is wel degelijk ernstig voor mij."


@pytest.fixture
def seeded(transactional_db):
    """Put back the role groups and letter templates. A transactional test ends with a flush
    that empties every table, so a later browser test would find neither."""
    import importlib

    from django.apps import apps

    for module, function in _SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
    cache.clear()  # status-link attempts are rate-limited in the cache
    yield
    cache.clear()


def _assert_accessible(page, axe, where: str) -> None:
    violations = axe(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not violations, f"{where}: {summary}"


def _panel(page):
    return page.locator("#handling")


def _open(panel, summary: str) -> None:
    """Unfold one of the panel's disclosures (a `details` element) by its summary text."""
    panel.locator("summary", has_text=re.compile(rf"^{re.escape(summary)}$")).click()


def test_complaint_to_decision_letter_and_objection_in_the_browser(
    live_server, page, axe, settings, mailoutbox
):
    # The status link on the acknowledgement page is absolute; let it point at this server.
    settings.WAAKHOND_BASE_URL = live_server.url
    staff_user(CASE_HANDLER, username="behandelaar", first_name="Bram", last_name="Jansen")
    visitor_context = page.context.browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    visitor = visitor_context.new_page()
    visitor.set_default_timeout(15000)

    # 1. The complainant files the complaint on the public form and keeps the status link.
    visitor.goto(f"{live_server.url}/")
    assert visitor.locator("html").get_attribute("lang") == "nl"
    visitor.get_by_label("Uw naam").fill("Fatima de Vries")
    visitor.get_by_label("Uw e-mailadres").fill("fatima@example.org")
    visitor.get_by_label("Over welke organisatie gaat uw klacht?").fill("Sportschool Fit BV")
    visitor.get_by_label("Wat is er gebeurd?").fill(DESCRIPTION)
    visitor.get_by_role("group", name="Gebeurt het nog steeds?").get_by_label("Ja").check()
    visitor.get_by_role("group", name="Heeft u de organisatie zelf al benaderd?").get_by_label(
        "Ja"
    ).check()
    visitor.get_by_role("button", name="Klacht versturen").click()
    visitor.wait_for_url(re.compile(r"/ontvangen/(#.*)?$"))
    reference = visitor.locator("#reference").inner_text().strip()
    assert re.fullmatch(r"WH-\d{4}-\d{6}", reference)
    # The link's text is the link itself, which contains the reference.
    status_href = visitor.get_by_role("link", name=reference).get_attribute("href")
    assert status_href.startswith(f"{live_server.url}/status/{reference}/")
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.state == "triaged"
    assert complaint.lane_suggested == "quick_intervention"

    # 2. The handler logs in (the two-factor wizard's first step), finds it in the queue.
    page.goto(f"{live_server.url}/staff/")
    assert "/account/login/" in page.url
    page.get_by_label("Gebruikersnaam").fill("behandelaar")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url(re.compile(r".*/staff/$"))
    queue = page.get_by_role("table", name="Klachten, de ernstigste en meest dringende eerst")
    row = queue.get_by_role("row").filter(has=page.get_by_role("link", name=reference))
    assert "Sportschool Fit BV" in row.inner_text()
    assert "Snelle interventie" in row.inner_text()
    row.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(rf".*/staff/complaints/{reference}/$"))

    # The priority the triage proposed is confirmed, then the case taken.
    # Each form posts and comes back to the complaint page; the confirmation it shows is the
    # sign that the new page is there (the address can stay the same).
    page.get_by_role("button", name=re.compile("^Voorstel bevestigen")).click()
    expect(page.get_by_text("De prioriteit is vastgelegd.")).to_be_visible()
    panel = _panel(page)
    expect(panel.get_by_role("definition").filter(has_text="nog niemand")).to_be_visible()
    _assert_accessible(page, axe, "complaint page with the handling panel")
    panel.get_by_role("button", name="Zaak oppakken").click()
    expect(page.get_by_text("U behandelt deze zaak nu.")).to_be_visible()
    expect(panel.get_by_role("definition").filter(has_text="Bram Jansen")).to_be_visible()

    # The lane: the triage's proposal is preselected; confirming it needs no reason.
    _open(panel, "Behandelspoor kiezen")
    lane = panel.get_by_label("Behandelspoor", exact=True)
    assert lane.input_value() == "quick_intervention"
    panel.get_by_role("button", name="Behandelspoor kiezen", exact=True).click()
    expect(page.get_by_text("Het behandelspoor is vastgelegd.")).to_be_visible()
    expect(panel.get_by_role("definition").filter(has_text="Snelle interventie")).to_be_visible()
    expect(panel.get_by_role("heading", name="Stappen")).to_be_visible()

    # The decision. Without the three factors the service refuses and nothing is saved.
    _open(panel, "Besluit nemen")
    panel.get_by_label("Uitkomst").select_option(label="Niet onderzocht wegens prioriteit")
    panel.get_by_label("Motivering in gewone woorden").fill(REASONS)
    _assert_accessible(page, axe, "decision form")
    panel.get_by_role("button", name="Besluit nemen", exact=True).click()
    page.wait_for_url(re.compile(rf".*/staff/cases/{reference}/decide/$"))
    expect(page.get_by_role("alert").first).to_contain_text("alle drie de factoren")
    assert not Decision.objects.exists()
    assert Complaint.objects.get(pk=complaint.pk).state == "in_lane"
    _assert_accessible(page, axe, "decision form, refused")
    panel = _panel(page)
    # What was typed is still there; add the factors and send again.
    assert panel.get_by_label("Motivering in gewone woorden").input_value() == REASONS
    for label, text in FACTORS.items():
        panel.get_by_label(label).fill(text)
    panel.get_by_role("button", name="Besluit nemen", exact=True).click()
    page.wait_for_url(re.compile(rf".*/staff/complaints/{reference}/(#handling)?$"))
    expect(
        page.get_by_text("Het besluit is genomen; de besluitbrief gaat naar de klager.")
    ).to_be_visible()
    panel = _panel(page)
    assert "Besluit genomen" in panel.inner_text()
    assert "Niet onderzocht wegens prioriteit" in panel.inner_text()
    assert FACTORS["Factor c: kunnen wij effectief en efficiënt optreden?"] in panel.inner_text()
    letter_link = panel.get_by_role("link", name="Besluit (NL, PDF)")
    expect(letter_link).to_be_visible()
    letter_item = panel.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Besluit (NL, PDF)")
    )
    assert "E-mail: verzonden" in letter_item.inner_text()
    sent = [m for m in mailoutbox if m.to == ["fatima@example.org"] and m.attachments]
    assert [a[2] for a in sent[-1].attachments] == ["application/pdf"]
    staff_pdf = page.request.get(f"{live_server.url}{letter_link.get_attribute('href')}")
    assert staff_pdf.status == 200
    assert staff_pdf.headers["content-type"] == "application/pdf"

    # 3. The complainant opens the status link (a browser without the staff session): the
    # token leaves the address bar, and the decision is there with the objection clause.
    visitor.goto(status_href)
    visitor.wait_for_url(re.compile(rf".*/status/{reference}/$"))
    assert visitor.locator("#state").inner_text() == "Besluit genomen"
    expect(visitor.get_by_role("heading", name="Het besluit over uw klacht")).to_be_visible()
    assert visitor.locator("#decision-outcome").inner_text() == "Niet onderzocht wegens prioriteit"
    assert "capaciteit in op klachten" in visitor.locator("#decision-reasons").inner_text()
    clause = visitor.locator("#objection-clause").inner_text()
    assert "bezwaar maken" in clause and "artikel 6:7" in clause
    # The priority reasons in plain words, now that a person has confirmed them.
    assert (
        visitor.locator("#priority-band")
        .inner_text()
        .startswith("Wij geven uw klacht een lage prioriteit.")
    )
    timeline = visitor.locator("#timeline").inner_text()
    assert "behandelaar" not in timeline and "Jansen" not in timeline  # no staff names
    _assert_accessible(visitor, axe, "status page with the decision")

    # The decision letter as PDF, with the complainant's session.
    letter = visitor.get_by_role("link", name="Lees de besluitbrief (PDF)")
    pdf = visitor_context.request.get(f"{live_server.url}{letter.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # On a phone: still accessible, nothing to scroll sideways. The objection is made there.
    visitor.set_viewport_size({"width": 390, "height": 844})
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _assert_accessible(visitor, axe, "status page at 390 px")

    # The objection: empty grounds are refused and nothing is filed; then it is filed.
    visitor.get_by_role("link", name="Bezwaar maken").click()
    visitor.wait_for_url(re.compile(rf".*/status/{reference}/bezwaar/$"))
    _assert_accessible(visitor, axe, "objection form")
    visitor.get_by_role("button", name="Bezwaar versturen").click()
    expect(visitor.locator("#error-summary")).to_contain_text(
        "Schrijf op waarom u het niet eens bent met het besluit."
    )
    assert not Objection.objects.exists()
    visitor.get_by_label("Waarom bent u het niet eens met het besluit?").fill(GROUNDS)
    visitor.get_by_role("button", name="Bezwaar versturen").click()
    # The acknowledgement lives under the objection's own reference.
    visitor.wait_for_url(re.compile(r".*/status/(WH-\d{4}-\d{6})/bezwaar/ontvangen/$"))
    expect(visitor.get_by_role("heading", name="Wij hebben uw bezwaar ontvangen")).to_be_visible()
    objection_reference = visitor.locator("#objection-reference").inner_text().strip()
    assert f"/status/{objection_reference}/bezwaar/ontvangen/" in visitor.url
    assert objection_reference != reference
    assert reference in visitor.get_by_role("main").inner_text()
    assert "artikel 7:10" in visitor.locator("#objection-next-deadline").inner_text()
    _assert_accessible(visitor, axe, "objection acknowledgement")

    # The objection's own status page, and the original now points to it.
    visitor.get_by_role("link", name="Bekijk uw bezwaar").click()
    visitor.wait_for_url(re.compile(rf".*/status/{objection_reference}/$"))
    expect(visitor.get_by_role("heading", name="Uw bezwaar")).to_be_visible()
    assert "Wij hebben uw bezwaar ontvangen." in visitor.locator("#timeline").inner_text()
    _assert_accessible(visitor, axe, "objection status page")
    visitor.get_by_role("link", name=f"Bekijk klacht {reference}").click()
    visitor.wait_for_url(re.compile(rf".*/status/{reference}/$"))
    expect(
        visitor.get_by_role("link", name=f"Bekijk uw bezwaar {objection_reference}")
    ).to_be_visible()
    expect(visitor.get_by_role("link", name="Bezwaar maken")).to_have_count(0)
    visitor.set_viewport_size({"width": 1280, "height": 900})
    _assert_accessible(visitor, axe, "status page with the objection")

    # English through the language switch.
    visitor.get_by_role("button", name="English").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    _assert_accessible(visitor, axe, "status page in English")
    visitor_context.close()

    # 4. Back as staff: the objection is a case of its own, linked to the original.
    page.reload()
    panel = _panel(page)
    objection_link = panel.get_by_role("link", name=objection_reference)
    linked = panel.get_by_role("definition").filter(
        has=page.get_by_role("link", name=objection_reference)
    )
    assert "(Bezwaar)" in linked.inner_text()
    objection_link.click()
    page.wait_for_url(re.compile(rf".*/staff/complaints/{objection_reference}/$"))
    panel = _panel(page)
    assert "Bezwaarprocedure" in panel.inner_text()
    expect(panel.get_by_role("link", name=reference)).to_be_visible()
    expect(panel.get_by_role("button", name="Zaak oppakken")).to_be_visible()
    page.goto(f"{live_server.url}/staff/")
    expect(page.get_by_role("link", name=objection_reference)).to_be_visible()

    link = Objection.objects.select_related("case", "decision").get()
    assert link.case.reference == objection_reference
    assert link.decision.complaint.reference == reference
    assert link.case.state == "objection"
