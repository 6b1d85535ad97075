"""The public intake API: POST /api/v1/complaints and GET /api/v1/complaints/{reference}."""

import json

import pytest

from django.test import override_settings
from django.utils import timezone

from waakhond.audit.models import AuditEvent
from waakhond.intake.models import Attachment, Complaint

from ..factories import api_payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints"


def counts():
    return Complaint.objects.count(), Attachment.objects.count(), AuditEvent.objects.count()


def post(client, body, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", headers=headers)


def status(client, reference, token):
    headers = {"X-Status-Token": token} if token is not None else {}
    return client.get(f"{URL}/{reference}", headers=headers)


def fields(response) -> set:
    return {error["field"] for error in response.json()["errors"]}


# --- Filing ---------------------------------------------------------------------------------


def test_a_valid_complaint_gets_201_with_reference_status_url_and_token(client):
    response = post(
        client,
        api_payload(started_on="2020-03-01", ongoing=True, representative="self", language="en"),
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"reference", "status_url", "status_token", "received_at"}
    assert body["reference"].startswith("WH-")
    assert body["status_url"].endswith(f"/status/{body['reference']}/{body['status_token']}/")
    complaint = Complaint.objects.get(reference=body["reference"])
    assert complaint.channel == "api"
    assert complaint.language == "en"
    assert complaint.ongoing is True


def test_all_optional_fields_are_stored(client):
    payload = api_payload(
        representative="representative_body",
        representative_body="FNV",
        started_on="2018-01-01",
        ongoing=False,
        contacted_organisation=True,
        contacted_on="2019-01-01",
        organisation_response="Geen antwoord.",
        desired_outcome="Stoppen.",
        data_concerned="Camerabeelden",
        complainant_phone="+31 6 12345678",
    )
    assert post(client, payload).status_code == 201
    complaint = Complaint.objects.get()
    assert (complaint.representative, complaint.representative_body) == (
        "representative_body",
        "FNV",
    )
    assert complaint.contacted_organisation is True and str(complaint.contacted_on) == "2019-01-01"


def test_the_language_defaults_to_the_request_language(client):
    post(client, api_payload(), **{"Accept-Language": "en"})
    assert Complaint.objects.get().language == "en"


# Each bad input of issue 2, with the field the error must name. One row per rule.
TOMORROW = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
BAD_INPUT = [
    ({"description": ""}, "description"),  # empty
    ({"description": "   \n\t"}, "description"),  # whitespace only counts as empty
    ({"complainant_name": " "}, "complainant_name"),
    (
        {"organisation_name": "\u00a0 "},
        "organisation_name",
    ),  # a non-breaking space is whitespace too
    ({"description": "a" * 1_000_000}, "description"),  # a description of 1 MB
    ({"surprise": "x"}, "surprise"),  # unknown field
    ({"description": 42}, "description"),  # wrong type: number for text
    ({"ongoing": "yes"}, "ongoing"),  # wrong type: text for a boolean
    ({"started_on": 20200101}, "started_on"),  # wrong type: number for a date
    ({"started_on": "1-1-2020"}, "started_on"),  # not YYYY-MM-DD
    ({"complainant_email": "not-an-address"}, "complainant_email"),  # invalid e-mail
    ({"complainant_email": "a@b"}, "complainant_email"),
    ({"started_on": TOMORROW}, "started_on"),  # future date
    ({"contacted_on": TOMORROW}, "contacted_on"),
    ({"representative": "lawyer"}, "representative"),  # not one of the choices
    ({"language": "de"}, "language"),
    ({"representative": "other_person"}, "represented_person"),  # needs the person's name
    ({"representative": "representative_body"}, "representative_body"),  # needs the body's name
    ({"complainant_phone": "call me maybe"}, "complainant_phone"),
    (
        {"started_on": "2020-01-01", "contacted_on": "2019-01-01"},
        "contacted_on",
    ),  # asked before it began
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUT)
def test_bad_input_gets_400_naming_the_field_and_stores_nothing(client, change, field):
    before = counts()
    response = post(client, api_payload(**change))
    assert response.status_code == 400, response.content
    assert field in fields(response)
    assert all(error["message"].endswith(".") for error in response.json()["errors"])
    assert counts() == before


@pytest.mark.parametrize(
    "body",
    [
        "not json",  # not JSON at all
        "{",  # broken JSON
        "[]",  # JSON, but not an object
        '"a string"',
        "null",
        "",  # no body
        b"\xff\xfe",  # not even text
    ],
)
def test_a_body_that_is_not_a_json_object_gets_400(client, body):
    before = counts()
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]
    assert counts() == before


def test_missing_required_fields_are_each_named(client):
    response = post(client, {})
    assert response.status_code == 400
    assert fields(response) == {
        "description",
        "organisation_name",
        "complainant_name",
        "complainant_email",
    }


def test_html_and_script_are_stored_as_plain_text(client):
    script = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    payload = api_payload(
        **{name: script for name in ("description", "organisation_name", "complainant_name")}
    )
    assert post(client, payload).status_code == 201
    assert Complaint.objects.get().description == script


def test_a_body_larger_than_the_upload_limit_gets_400(client, settings):
    before = counts()
    response = post(
        client, api_payload(description="a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))
    )
    assert response.status_code == 400
    assert response.json()["errors"]
    assert counts() == before


def test_errors_follow_accept_language(client):
    dutch = post(client, api_payload(complainant_email="nope"))
    english = post(client, api_payload(complainant_email="nope"), **{"Accept-Language": "en"})
    assert (
        dutch.json()["errors"][0]["message"]
        == "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    )
    assert (
        english.json()["errors"][0]["message"]
        == "Enter a valid e-mail address, for example name@example.com."
    )


# --- Idempotency ----------------------------------------------------------------------------


def test_the_same_idempotency_key_returns_the_same_complaint_without_a_token(client):
    first = post(client, api_payload(), **{"Idempotency-Key": "order-1"})
    second = post(client, api_payload(), **{"Idempotency-Key": "order-1"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["reference"] == first.json()["reference"]
    assert second.json()["status_token"] is None and second.json()["status_url"] is None
    assert Complaint.objects.count() == 1


def test_the_same_key_from_another_complainant_is_a_new_complaint(client):
    first = post(client, api_payload(), **{"Idempotency-Key": "1"})
    other = post(
        client, api_payload(complainant_email="other@example.org"), **{"Idempotency-Key": "1"}
    )
    assert other.status_code == 201
    assert other.json()["reference"] != first.json()["reference"]


def test_a_very_long_idempotency_key_is_fine(client):
    assert post(client, api_payload(), **{"Idempotency-Key": "k" * 500}).status_code == 201


# --- Rate limit -----------------------------------------------------------------------------


@override_settings(WAAKHOND_API_RATE="2/m")
def test_too_many_requests_from_one_address_get_429_with_a_message(client):
    assert post(client, api_payload()).status_code == 201
    assert post(client, api_payload()).status_code == 201
    response = post(client, api_payload())
    assert response.status_code == 429
    assert "te veel verzoeken" in response.json()["errors"][0]["message"]
    assert int(response["Retry-After"]) > 0
    assert Complaint.objects.count() == 2
    # Another address has its own allowance; a forged X-Forwarded-For does not help.
    forged = client.post(
        URL,
        json.dumps(api_payload()),
        content_type="application/json",
        headers={"X-Forwarded-For": "10.9.8.7"},
    )
    assert forged.status_code == 429
    other = client.post(
        URL, json.dumps(api_payload()), content_type="application/json", REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 201


# --- Status ---------------------------------------------------------------------------------


def test_the_status_answers_with_the_token(client):
    filed = post(client, api_payload()).json()
    response = status(client, filed["reference"], filed["status_token"])
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == filed["reference"]
    assert body["status"] == "received"
    assert body["status_label"] == "Ontvangen"
    assert body["received_at"]
    assert body["next_deadline"]["key"] == "decision"
    complaint = Complaint.objects.get()
    assert body["next_deadline"]["date"] == complaint.next_deadline.isoformat()
    assert body["deadlines"] == []
    english = client.get(
        f"{URL}/{filed['reference']}",
        headers={"X-Status-Token": filed["status_token"], "Accept-Language": "en"},
    )
    assert english.json()["status_label"] == "Received"


def test_wrong_token_revoked_token_unknown_reference_and_no_token_get_the_same_404(client):
    filed = post(client, api_payload()).json()
    wrong = status(client, filed["reference"], "wrong-token")
    unknown = status(client, "WH-2026-999999", filed["status_token"])
    missing = status(client, filed["reference"], None)
    Complaint.objects.update(status_token_revoked_at=timezone.now())
    revoked = status(client, filed["reference"], filed["status_token"])

    responses = [wrong, unknown, missing, revoked]
    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1


# --- Schema ---------------------------------------------------------------------------------


def test_the_openapi_schema_describes_the_error_responses(client):
    schema = client.get("/api/v1/openapi.json").json()
    post_responses = schema["paths"]["/api/v1/complaints"]["post"]["responses"]
    get_responses = schema["paths"]["/api/v1/complaints/{reference}"]["get"]["responses"]
    assert {"201", "200", "400", "429"} <= set(post_responses)
    assert {"200", "404", "429"} <= set(get_responses)
    assert schema["components"]["schemas"]["ComplaintIn"]["additionalProperties"] is False
    parameters = {p["name"] for p in schema["paths"]["/api/v1/complaints"]["post"]["parameters"]}
    assert "Idempotency-Key" in parameters
