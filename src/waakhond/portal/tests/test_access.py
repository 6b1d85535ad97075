"""The private status link: who gets in, who does not, and that all refusals look the same."""

import re

import pytest

from django.db import connection
from django.test import Client

from waakhond.audit.models import AuditEvent
from waakhond.intake.models import Complaint
from waakhond.intake.services import complaint_create
from waakhond.intake.tests.factories import submission
from waakhond.portal import views
from waakhond.portal.services import portal_issue_new_link, portal_revoke_link

from .factories import (
    complaint_factory,
    enter_url,
    lead_user,
    objection_case,
    opened,
    status_url,
    with_link,
)

pytestmark = pytest.mark.django_db

_VOLATILE = re.compile(
    rb'name="csrfmiddlewaretoken" value="[^"]*"|name="next" type="hidden" value="[^"]*"'
)


def _normalised(response) -> bytes:
    """The page without what differs per request anyway (CSRF token, the language switch's
    return address)."""
    return _VOLATILE.sub(b"", response.content)


def test_the_right_token_opens_the_status_page_and_leaves_the_address_bar():
    complaint = complaint_factory()
    token = with_link(complaint)
    client = Client()

    response = client.get(enter_url(complaint, token))

    assert response.status_code == 302
    assert response["Location"] == status_url(complaint)
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get(status_url(complaint))
    assert page.status_code == 200
    assert complaint.reference in page.content.decode()
    assert token not in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]


def test_wrong_revoked_and_unknown_links_get_the_identical_not_found_page():
    complaint = complaint_factory()
    token = with_link(complaint)
    revoked = complaint_factory()
    revoked_token = with_link(revoked)
    portal_revoke_link(complaint=revoked, actor=None, by_complainant=True)

    wrong = Client().get(enter_url(complaint, token[:-1] + ("A" if token[-1] != "A" else "B")))
    gone = Client().get(enter_url(revoked, revoked_token))
    unknown = Client().get(f"/status/WH-2020-999999/{token}/")
    not_granted = Client().get(status_url(complaint))

    assert {r.status_code for r in (wrong, gone, unknown, not_granted)} == {404}
    assert _normalised(wrong) == _normalised(gone) == _normalised(unknown)
    assert _normalised(not_granted) == _normalised(wrong)
    assert "Deze link werkt niet (meer)" in wrong.content.decode()
    assert complaint.reference.encode() not in _normalised(wrong)


def test_the_token_is_stored_only_as_a_hash():
    filed = complaint_create(submission=submission())
    token = filed.status_token

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_complaint WHERE id = %s", [filed.complaint.pk])
        row = cursor.fetchone()

    assert token not in [str(value) for value in row]
    assert not any(token in str(value) for value in row)
    assert Complaint.objects.get(pk=filed.complaint.pk).status_token_hash != token


def test_access_to_one_complaint_never_opens_another():
    mine = complaint_factory()
    other = complaint_factory()
    with_link(other)
    client = Client()
    opened(client, mine)

    assert client.get(status_url(mine)).status_code == 200
    for path in ("", "aanvullen/", "intrekken/", "bezwaar/", "link-uitzetten/"):
        response = client.get(status_url(other) + path)
        assert response.status_code == 404, path
        assert other.organisation_name not in response.content.decode()
    # Nor does the token of one complaint open another one.
    token = with_link(mine)
    assert client.get(enter_url(other, token)).status_code == 404


def test_the_objection_case_opens_with_the_complaint_it_contests_and_not_otherwise():
    original, objection = objection_case()
    client = Client()
    opened(client, original)

    assert client.get(status_url(objection)).status_code == 200
    assert Client().get(status_url(objection)).status_code == 404
    stranger = Client()
    opened(stranger, complaint_factory())
    assert stranger.get(status_url(objection)).status_code == 404


def test_too_many_attempts_from_one_address_are_refused(monkeypatch):
    monkeypatch.setattr(views, "ENTER_RATE_PER_IP", "5/h")
    complaint = complaint_factory()
    token = with_link(complaint)
    client = Client()

    answers = [client.get(f"/status/WH-2020-00000{n}/guess{n}/").status_code for n in range(5)]
    refused = client.get(enter_url(complaint, token))

    assert answers == [404] * 5
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()
    # Not even the right token gets through from that address until the hour is over.
    assert client.get(status_url(complaint)).status_code == 404


def test_too_many_attempts_on_one_reference_are_refused_from_any_address(monkeypatch):
    monkeypatch.setattr(views, "ENTER_RATE_PER_REFERENCE", "3/h")
    complaint = complaint_factory()
    token = with_link(complaint)

    answers = [
        Client(REMOTE_ADDR=f"10.0.0.{n}").get(enter_url(complaint, f"guess{n}")).status_code
        for n in range(3)
    ]
    refused = Client(REMOTE_ADDR="10.0.0.99").get(enter_url(complaint, token))

    assert answers == [404] * 3
    assert refused.status_code == 429


def test_revoking_ends_the_link_and_the_sessions_it_opened_and_a_new_link_works(
    mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_factory()
    client = Client()
    old_token = opened(client, complaint)
    lead = lead_user()

    portal_revoke_link(complaint=complaint, actor=lead)

    assert client.get(status_url(complaint)).status_code == 404
    assert Client().get(enter_url(complaint, old_token)).status_code == 404
    assert AuditEvent.objects.filter(
        event_type="portal.link.revoked", object_id=str(complaint.pk)
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        new_token = portal_issue_new_link(
            complaint=Complaint.objects.get(pk=complaint.pk), actor=lead
        )

    assert new_token != old_token
    assert Client().get(enter_url(complaint, old_token)).status_code == 404
    fresh_client = Client()
    assert fresh_client.get(enter_url(complaint, new_token)).status_code == 302
    assert fresh_client.get(status_url(complaint)).status_code == 200
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [complaint.complainant_email]
    assert enter_url(complaint, new_token) in mailoutbox[0].body
    stored = Complaint.objects.get(pk=complaint.pk)
    assert new_token not in stored.status_token_hash
    assert stored.status_token_revoked_at is None
