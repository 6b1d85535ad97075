"""The public complaint form and its acknowledgement, through their URLs."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from waakhond.audit.models import AuditEvent
from waakhond.intake.models import Attachment, Complaint

from ..factories import EXE, PDF, form_data

pytestmark = pytest.mark.django_db

HOME = "/"
ACK = "/ontvangen/"


def counts():
    return Complaint.objects.count(), Attachment.objects.count(), AuditEvent.objects.count()


def pdf(name="brief.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_form_is_at_the_root_in_dutch_with_a_label_for_every_input(client):
    response = client.get(HOME)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Dien een klacht in" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="submission_key"' in html
    for input_id in re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html):
        if input_id.startswith("id_") and "submission_key" not in input_id:
            assert f'for="{input_id}"' in html, f"no label for {input_id}"
    assert '<datalist id="organisation-suggestions">' in html
    assert reverse("intake:home") == HOME


def test_the_form_is_in_english_after_the_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": HOME}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "File a complaint about the use of your personal data" in html
    # The complaint's language follows the page unless the complainant chooses otherwise.
    assert 'value="en" id="id_language_1" checked' in html or re.search(
        r'value="en"[^>]*checked', html
    )


def test_a_valid_complaint_redirects_to_the_acknowledgement_with_the_link_shown_once(client):
    response = client.post(HOME, form_data())
    assert response.status_code == 302
    assert response["Location"] == ACK

    complaint = Complaint.objects.get()
    assert complaint.channel == "web"
    assert complaint.ongoing is True
    assert complaint.contacted_organisation is False
    assert str(complaint.started_on) == "2019-05-01"

    page = client.get(ACK)
    html = page.content.decode()
    assert complaint.reference in html
    link = re.search(r'id="status-link" href="([^"]+)"', html).group(1)
    assert link.startswith(f"http://127.0.0.1:8000/status/{complaint.reference}/")
    assert "Wat gebeurt er nu?" in html
    assert page["Cache-Control"].startswith("max-age=0")

    again = client.get(ACK).content.decode()
    assert complaint.reference in again
    assert link not in again
    assert "al getoond" in again


def test_the_acknowledgement_without_a_filed_complaint_goes_back_to_the_form(client):
    assert client.get(ACK)["Location"] == HOME


def test_errors_are_summarised_linked_to_their_fields_and_keep_what_was_typed(client):
    before = counts()
    data = form_data(
        complainant_name="   ", complainant_email="geen-adres", description="Mijn verhaal"
    )
    response = client.post(HOME, data)
    html = response.content.decode()

    assert response.status_code == 200
    assert counts() == before
    assert 'id="error-summary"' in html and 'role="alert"' in html
    assert '<a class="utrecht-link" href="#id_complainant_name">Vul uw naam in.</a>' in html
    assert 'href="#id_complainant_email"' in html
    # The field points at its error, and says it is invalid.
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="id_complainant_email"', html
    ) or re.search(r'<input[^>]*id="id_complainant_email"[^>]*aria-invalid="true"', html)
    assert 'id="id_complainant_email_error"' in html
    assert "id_complainant_email_error" in re.search(
        r'<input[^>]*id="id_complainant_email"[^>]*>', html
    ).group(0)
    # What was typed is still there; files must be chosen again, and the page says so.
    assert 'value="geen-adres"' in html
    assert "Mijn verhaal" in html
    assert "Kies ze opnieuw" in html


def test_whitespace_only_counts_as_empty(client):
    before = counts()
    response = client.post(HOME, form_data(description=" \n\t ", organisation_name="  "))
    assert "Beschrijf wat er is gebeurd." in response.content.decode()
    assert "Vul de naam van de organisatie in." in response.content.decode()
    assert counts() == before


def test_a_description_of_one_megabyte_is_refused_with_the_limit(client, settings):
    before = counts()
    response = client.post(HOME, form_data(description="a" * 1_000_000))
    html = response.content.decode()
    assert f"hoogstens {settings.WAAKHOND_DESCRIPTION_MAX_CHARS} tekens" in html
    assert counts() == before


def test_html_and_script_are_stored_as_text_and_escaped_on_the_pages(client):
    script = "<script>alert('x')</script>"
    response = client.post(HOME, form_data(complainant_email="fout", description=script))
    assert script not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()

    client.post(HOME, form_data(description=script, organisation_name=script))
    assert Complaint.objects.get().description == script


def test_dates_in_the_future_are_refused(client):
    before = counts()
    response = client.post(HOME, form_data(started_on="2999-01-01", contacted_on="2999-02-01"))
    html = response.content.decode()
    assert html.count("Deze datum ligt in de toekomst.") >= 2
    assert counts() == before


def test_asking_the_organisation_before_it_started_is_refused_only_when_both_dates_are_given(
    client,
):
    response = client.post(HOME, form_data(started_on="2020-01-01", contacted_on="2019-01-01"))
    assert "vóór de datum waarop het begon" in response.content.decode()
    assert client.post(HOME, form_data(started_on="", contacted_on="2019-01-01")).status_code == 302


def test_an_executable_renamed_to_pdf_is_refused_by_name(client):
    before = counts()
    response = client.post(HOME, {**form_data(), "attachments": [pdf("factuur.pdf", EXE)]})
    html = response.content.decode()
    assert "factuur.pdf" in html
    assert "programma of script" in html
    assert counts() == before


def test_twenty_attachments_are_refused_with_the_limit(client, settings):
    before = counts()
    files = [pdf(f"brief{i}.pdf") for i in range(20)]
    response = client.post(HOME, {**form_data(), "attachments": files})
    assert (
        f"U kunt hoogstens {settings.WAAKHOND_ATTACHMENT_MAX_COUNT} bestanden meesturen."
        in response.content.decode()
    )
    assert counts() == before


def test_attachments_are_stored_with_the_complaint(client):
    client.post(HOME, {**form_data(), "attachments": [pdf("a.pdf"), pdf("b.pdf")]})
    assert sorted(Complaint.objects.get().attachments.values_list("original_name", flat=True)) == [
        "a.pdf",
        "b.pdf",
    ]


def test_a_double_submit_files_one_complaint(client):
    data = form_data(submission_key="x" * 43)
    first = client.post(HOME, data)
    second = client.post(HOME, data)
    assert first.status_code == second.status_code == 302
    assert Complaint.objects.count() == 1
    # The link from the first submit is still there to be shown.
    assert 'id="status-link"' in client.get(ACK).content.decode()


def test_acting_for_someone_else_needs_their_name(client):
    response = client.post(HOME, form_data(representative="other_person"))
    assert (
        "Vul de naam in van de persoon voor wie u de klacht indient." in response.content.decode()
    )
    client.post(HOME, form_data(representative="other_person", represented_person="Mijn moeder"))
    assert Complaint.objects.get().represented_person == "Mijn moeder"


def test_a_representative_body_needs_its_name_and_mandate(client):
    before = counts()
    response = client.post(HOME, form_data(representative="representative_body"))
    html = response.content.decode()
    assert "Vul de naam van uw organisatie in." in html
    assert "Stuur de machtiging mee" in html
    assert counts() == before

    client.post(
        HOME,
        {
            **form_data(representative="representative_body", representative_body="FNV"),
            "mandate": pdf("mandaat.pdf"),
        },
    )
    complaint = Complaint.objects.get()
    assert complaint.representative_body == "FNV"
    assert complaint.attachments.get().purpose == "mandate"


@override_settings(WAAKHOND_ATTACHMENT_MAX_BYTES=100)
def test_an_oversized_attachment_is_refused(client):
    response = client.post(
        HOME, {**form_data(), "attachments": [pdf("groot.pdf", PDF + b"0" * 200)]}
    )
    assert "Het bestand ‘groot.pdf’ is te groot." in response.content.decode()
    assert Complaint.objects.count() == 0


def test_errors_are_in_english_on_the_english_page(client):
    client.post("/i18n/setlang/", {"language": "en", "next": HOME})
    response = client.post(HOME, form_data(complainant_name="", language="en"))
    assert "Enter your name." in response.content.decode()


def test_organisation_suggestions_come_from_the_register(client):
    from waakhond.organisations.models import Organisation

    Organisation.objects.create(
        name="Dronten", type="public", sector="municipality", search_names="|dronten|"
    )
    Organisation.objects.create(
        name="Drimmelen", type="public", sector="municipality", search_names="|drimmelen|"
    )
    response = client.get(reverse("intake:organisation_suggestions"), {"q": "gemeente Dro"})
    assert response.json() == {"suggestions": ["Dronten"]}
    assert client.get(reverse("intake:organisation_suggestions"), {"q": "d"}).json() == {
        "suggestions": []
    }
