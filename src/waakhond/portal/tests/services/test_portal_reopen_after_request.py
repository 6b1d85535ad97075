"""Ask the organisation first: the complainant says when they sent the request, and reopens
the complaint with one click once the month of GDPR Art. 12(3) has passed unanswered."""

import datetime as dt

import pytest

from django.test import Client
from django.utils import timezone

from waakhond.audit.models import AuditEvent
from waakhond.cases.models import RightsRequest
from waakhond.cases.services.deadline_records import case_suspend
from waakhond.cases.services.letters import letter_create
from waakhond.cases.workflow import Lane
from waakhond.common.errors import ApplicationError
from waakhond.intake.models import State
from waakhond.portal.services import portal_record_request_sent, portal_reopen_after_request

from ..factories import case_in_lane, fresh, handler_user, opened

pytestmark = pytest.mark.django_db


def _asked_first(*, handler=None, waiting: bool = False):
    """A complaint in the lane 'ask the organisation first' with its request letter made."""
    handler = handler or handler_user(email="behandelaar@ap.example")
    complaint = case_in_lane(
        lane=Lane.ASK_ORGANISATION_FIRST, handler=handler, received_days_ago=60
    )
    letter_create(
        complaint=complaint, kind="request_letter", actor=handler, extra={"right": "access"}
    )
    if waiting:
        case_suspend(
            complaint=fresh(complaint),
            actor=handler,
            request_information=True,
            questions="Laat ons weten of de organisatie binnen een maand antwoordt.",
        )
    # The letter was made 45 days ago (aged here; services always stamp today).
    RightsRequest.objects.filter(complaint=complaint).update(
        created_at=timezone.now() - dt.timedelta(days=45)
    )
    return fresh(complaint), RightsRequest.objects.get(complaint=complaint)


def _events(complaint, kind):
    return [
        e
        for e in AuditEvent.objects.filter(
            event_type="portal.information.added", object_id=str(complaint.pk)
        )
        if e.data.get("kind") == kind
    ]


class TestPortalReopenAfterRequest:
    def test_reopening_before_the_month_has_passed_is_refused_and_nothing_changes(self):
        complaint, request = _asked_first()
        portal_record_request_sent(
            complaint=complaint, request=request, sent_on=timezone.localdate()
        )

        with pytest.raises(ApplicationError, match="nog tot en met"):
            portal_reopen_after_request(complaint=complaint, request=request)

        assert RightsRequest.objects.get(pk=request.pk).reopened_at is None
        assert _events(complaint, "no_answer_from_organisation") == []

    def test_a_waiting_case_returns_to_its_lane_and_the_handler_is_told(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        complaint, request = _asked_first(waiting=True)
        assert complaint.state == State.AWAITING_COMPLAINANT
        RightsRequest.objects.filter(pk=request.pk).update(
            sent_by_complainant_on=timezone.localdate() - dt.timedelta(days=40)
        )
        mailoutbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            portal_reopen_after_request(complaint=complaint, request=request)

        assert fresh(complaint).state == State.IN_LANE
        assert RightsRequest.objects.get(pk=request.pk).reopened_at is not None
        assert len(_events(complaint, "no_answer_from_organisation")) == 1
        assert [m.to for m in mailoutbox] == [["behandelaar@ap.example"]]

    def test_reopening_twice_is_refused(self):
        complaint, request = _asked_first()
        RightsRequest.objects.filter(pk=request.pk).update(
            sent_by_complainant_on=timezone.localdate() - dt.timedelta(days=40)
        )
        portal_reopen_after_request(complaint=complaint, request=request)

        with pytest.raises(ApplicationError):
            portal_reopen_after_request(complaint=fresh(complaint), request=request)

        assert len(_events(complaint, "no_answer_from_organisation")) == 1


class TestReopenPage:
    def test_the_complainant_gives_the_date_and_later_reopens_with_one_click(self):
        complaint, request = _asked_first(waiting=True)
        client = Client()
        opened(client, complaint)

        page = client.get(f"/status/{complaint.reference}/").content.decode()
        assert "Op welke dag heeft u de brief verstuurd?" in page
        sent_on = timezone.localdate() - dt.timedelta(days=40)
        client.post(
            f"/status/{complaint.reference}/verzoek-verstuurd/", {"sent_on": sent_on.isoformat()}
        )
        assert RightsRequest.objects.get(pk=request.pk).sent_by_complainant_on == sent_on

        page = client.get(f"/status/{complaint.reference}/").content.decode()
        assert 'id="reopen-button"' in page
        response = client.post(f"/status/{complaint.reference}/heropenen/")

        assert response.status_code == 302
        assert fresh(complaint).state == State.IN_LANE
        after = client.get(f"/status/{complaint.reference}/").content.decode()
        assert "Wij behandelen uw klacht weer." in after
        assert 'id="reopen-button"' not in after

    def test_a_future_date_is_refused(self):
        complaint, request = _asked_first()
        client = Client()
        opened(client, complaint)

        client.post(
            f"/status/{complaint.reference}/verzoek-verstuurd/",
            {"sent_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
        )

        assert RightsRequest.objects.get(pk=request.pk).sent_by_complainant_on is None
