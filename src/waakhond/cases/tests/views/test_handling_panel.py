"""The handling panel and its form posts, through the URLs."""

import pytest

from django.urls import reverse

from waakhond.accounts.roles import AUDITOR, INTAKE_OFFICER
from waakhond.cases.models import Decision, Letter
from waakhond.cases.services.common import case_version
from waakhond.cases.services.notes import case_note_add
from waakhond.cases.tests.case_factories import (
    FACTORS,
    REASONS,
    case_in_lane,
    case_triaged,
    fresh,
    handler_user,
    lead_user,
)
from waakhond.cases.tests.factories import staff_user
from waakhond.intake.models import State

pytestmark = pytest.mark.django_db


def _url(name, complaint, *args):
    return reverse(f"handling:{name}", args=[complaint.reference, *args])


def test_the_panel_shows_deadlines_with_why_this_date_and_the_moves_this_role_may_make(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    client.force_login(handler)
    page = client.get(_url("case", complaint)).content.decode()
    assert "Waarom deze datum?" in page
    assert "Awb 4:13(2)" in page
    assert "Besluit nemen" in page and "Termijn opschorten" in page
    assert "Zaak heropenen" not in page  # a team lead's move


def test_an_auditor_sees_the_panel_without_any_move(client):
    complaint = case_in_lane(handler=handler_user())
    client.force_login(staff_user(AUDITOR))
    page = client.get(_url("case", complaint)).content.decode()
    assert "Waarom deze datum?" in page
    assert _url("decide", complaint) not in page and "Zaak oppakken" not in page


def test_someone_without_a_role_gets_not_found(client):
    complaint = case_in_lane(handler=handler_user())
    client.force_login(staff_user())
    assert client.get(_url("case", complaint)).status_code == 404


def test_a_handler_takes_a_case_and_returns_to_the_complaint_page(client):
    handler = handler_user()
    complaint = case_triaged()
    client.force_login(handler)
    response = client.post(_url("take", complaint), {"version": case_version(complaint)})
    assert response.status_code == 302
    assert complaint.reference in response["Location"]
    assert fresh(complaint).assigned_to == handler


def test_a_decision_through_the_form_makes_the_letter(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    client.force_login(handler)
    response = client.post(
        _url("decide", complaint),
        {
            "version": case_version(complaint),
            "outcome": "not_investigated_priority",
            "reasons": REASONS,
            "factor_affected": FACTORS["affected"],
            "factor_significance": FACTORS["significance"],
            "factor_effective": FACTORS["effective"],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(complaint=complaint)
    assert decision.factors["effective"] == FACTORS["effective"]
    pdf = client.get(_url("letter_pdf", complaint, decision.letter.pk))
    assert pdf["Content-Type"] == "application/pdf"


def test_a_refused_decision_keeps_what_was_typed_and_says_why(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    client.force_login(handler)
    response = client.post(
        _url("decide", complaint),
        {
            "version": case_version(complaint),
            "outcome": "not_investigated_priority",
            "reasons": REASONS,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "alle drie de factoren" in page
    assert REASONS in page
    assert fresh(complaint).state == State.IN_LANE


def test_a_stale_form_is_refused_with_a_clear_message(client):
    handler, lead = handler_user(), lead_user()
    complaint = case_in_lane(handler=handler)
    old = case_version(complaint)
    client.force_login(lead)
    assert (
        client.post(
            _url("transition", complaint),
            {"version": old, "to_state": "suspended", "reason": "Overmacht."},
        ).status_code
        == 302
    )
    client.force_login(handler)
    response = client.post(
        _url("decide", complaint),
        {"version": old, "outcome": "rejected_no_infringement", "reasons": REASONS},
    )
    assert response.status_code == 409
    assert "door iemand anders gewijzigd" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_move_the_role_may_not_make_is_forbidden(client):
    complaint = case_in_lane(handler=handler_user())
    client.force_login(staff_user(INTAKE_OFFICER))
    response = client.post(
        _url("transition", complaint),
        {"version": case_version(complaint), "to_state": "suspended", "reason": "Overmacht."},
    )
    assert response.status_code == 403
    assert fresh(complaint).state == State.IN_LANE


def test_a_letter_is_made_and_sent_from_the_panel(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    client.force_login(handler)
    response = client.post(
        _url("letter_create", complaint),
        {"kind": "progress_notice", "language": "en", "text": "We are reading the documents."},
    )
    assert response.status_code == 302
    letter = Letter.objects.get(complaint=complaint)
    assert "We are reading the documents." in letter.body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("letter_send", complaint, letter.pk), {})
    assert mailoutbox[-1].subject == letter.subject


def test_a_letter_of_another_case_is_not_found(client):
    handler = handler_user()
    mine = case_in_lane(handler=handler)
    other = case_in_lane(handler=handler_user())
    from waakhond.cases.services.letters import letter_create

    letter = letter_create(complaint=other, kind="progress_notice", actor=other.assigned_to)
    client.force_login(handler)
    assert client.get(_url("letter_pdf", mine, letter.pk)).status_code == 404


def test_notes_are_shown_to_staff_on_the_panel(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    case_note_add(complaint=complaint, actor=handler, text="Gemeente gebeld, terugbellen vrijdag.")
    client.force_login(handler)
    assert "terugbellen vrijdag" in client.get(_url("case", complaint)).content.decode()


def test_the_complaint_page_shows_the_handling_panel(client):
    handler = handler_user()
    complaint = case_in_lane(handler=handler)
    client.force_login(handler)
    page = client.get(reverse("cases:complaint", args=[complaint.reference])).content.decode()
    assert 'id="handling"' in page
