"""Restricted cases: hidden like a missing case from most staff, and restricted by few."""

import pytest

from django.urls import reverse

from waakhond.accounts.access import PermissionDenied
from waakhond.accounts.roles import ADMINISTRATOR, AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD
from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.services.common import StaleCase, case_version
from waakhond.cases.services_restrict import case_restrict
from waakhond.common.errors import ApplicationError, NotFound
from waakhond.intake.models import Complaint

from .factories import complaint_factory, staff_user

pytestmark = pytest.mark.django_db

REASON = "De klacht gaat over een eigen medewerker."


def complaint_url(complaint):
    return reverse("cases:complaint", args=[complaint.reference])


def restrict_events(complaint=None):
    events = AuditEvent.objects.filter(event_type=AuditEventType.CASE_RESTRICTED)
    return events.filter(object_id=str(complaint.pk)) if complaint else events


def snapshot(complaint):
    return Complaint.objects.values().get(pk=complaint.pk)


# --- Who sees a restricted case ---------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [
        # A handler the case is not assigned to: as if it did not exist.
        ("other_handler", 404),
        # The intake desk does not see it either.
        ("intake_officer", 404),
        # An administrator configures the desk and does not read restricted cases.
        ("administrator", 404),
        # Team leads see every case.
        ("team_lead", 200),
        # Auditors see every case.
        ("auditor", 200),
        # The handler the case is assigned to.
        ("assigned_handler", 200),
    ],
)
def test_who_sees_a_restricted_complaint(client, who, status):
    assigned = staff_user(CASE_HANDLER)
    complaint = complaint_factory(restricted=True, assigned_to=assigned)
    users = {
        "other_handler": lambda: staff_user(CASE_HANDLER),
        "intake_officer": lambda: staff_user(INTAKE_OFFICER),
        "administrator": lambda: staff_user(ADMINISTRATOR),
        "team_lead": lambda: staff_user(TEAM_LEAD),
        "auditor": lambda: staff_user(AUDITOR),
        "assigned_handler": lambda: assigned,
    }
    client.force_login(users[who]())
    assert client.get(complaint_url(complaint)).status_code == status
    queue = client.get(reverse("cases:queue")).content.decode()
    assert (complaint.reference in queue) == (status == 200)


def test_a_restricted_complaint_answers_exactly_like_a_missing_one(client):
    complaint = complaint_factory(restricted=True)
    client.force_login(staff_user(CASE_HANDLER))
    hidden = client.get(complaint_url(complaint))
    missing = client.get(reverse("cases:complaint", args=["WH-1999-000001"]))
    assert hidden.status_code == missing.status_code == 404
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.COMPLAINT_VIEWED, object_id=str(complaint.pk)
    ).exists()


# --- The service -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [TEAM_LEAD, ADMINISTRATOR])
def test_a_team_lead_or_administrator_restricts_a_case_with_a_reason(role):
    actor = staff_user(role)
    complaint = complaint_factory()
    result = case_restrict(complaint=complaint, actor=actor, restricted=True, reason=REASON)
    assert result.restricted
    assert Complaint.objects.get(pk=complaint.pk).restricted
    event = restrict_events(complaint).get()
    assert event.actor == actor
    assert event.reason == REASON
    assert event.data == {"before": False, "after": True}


def test_a_team_lead_lifts_the_restriction():
    complaint = complaint_factory(restricted=True)
    lead = staff_user(TEAM_LEAD)
    case_restrict(complaint=complaint, actor=lead, restricted=False, reason="Niet meer nodig.")
    assert not Complaint.objects.get(pk=complaint.pk).restricted
    assert restrict_events(complaint).get().data == {"before": True, "after": False}


@pytest.mark.parametrize("role", [CASE_HANDLER, INTAKE_OFFICER, AUDITOR])
def test_other_roles_may_not_restrict_and_nothing_changes_or_is_logged(role):
    actor = staff_user(role)
    # Even the handler the case is assigned to may not.
    complaint = complaint_factory(assigned_to=actor)
    before, events = snapshot(complaint), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        case_restrict(complaint=complaint, actor=actor, restricted=True, reason=REASON)
    assert snapshot(complaint) == before
    assert AuditEvent.objects.count() == events


def test_an_administrator_cannot_lift_a_restriction_on_a_case_they_cannot_see():
    complaint = complaint_factory(restricted=True)
    before, events = snapshot(complaint), AuditEvent.objects.count()
    with pytest.raises(NotFound):
        case_restrict(
            complaint=complaint, actor=staff_user(ADMINISTRATOR), restricted=False, reason=REASON
        )
    assert snapshot(complaint) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required_and_nothing_changes_or_is_logged_without_one(reason):
    complaint = complaint_factory()
    before, events = snapshot(complaint), AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as error:
        case_restrict(
            complaint=complaint, actor=staff_user(TEAM_LEAD), restricted=True, reason=reason
        )
    assert error.value.field == "reason"
    assert snapshot(complaint) == before
    assert AuditEvent.objects.count() == events


def test_restricting_twice_is_refused_so_a_double_submit_shows():
    complaint = complaint_factory(restricted=True)
    before, events = snapshot(complaint), AuditEvent.objects.count()
    with pytest.raises(ApplicationError, match="al beperkte toegang"):
        case_restrict(
            complaint=complaint, actor=staff_user(TEAM_LEAD), restricted=True, reason=REASON
        )
    assert snapshot(complaint) == before
    assert AuditEvent.objects.count() == events


def test_a_stale_form_is_refused():
    complaint = complaint_factory()
    version = case_version(complaint)
    Complaint.objects.filter(pk=complaint.pk).update(band="low")
    Complaint.objects.get(pk=complaint.pk).save()  # someone else changed the case meanwhile
    before, events = snapshot(complaint), AuditEvent.objects.count()
    with pytest.raises(StaleCase):
        case_restrict(
            complaint=complaint,
            actor=staff_user(TEAM_LEAD),
            restricted=True,
            reason=REASON,
            expected_version=version,
        )
    assert snapshot(complaint) == before
    assert AuditEvent.objects.count() == events


# --- The page ----------------------------------------------------------------------------------


@pytest.mark.urls("waakhond.cases.tests.restrict_urls_for_tests")
class TestRestrictPage:
    def url(self, complaint):
        return reverse("restrict:case", args=[complaint.reference])

    def test_the_page_is_under_the_complaint(self):
        complaint = complaint_factory()
        assert self.url(complaint) == f"/staff/complaints/{complaint.reference}/restrict/"

    def test_a_team_lead_restricts_a_case_through_the_page(self, client):
        complaint = complaint_factory()
        client.force_login(staff_user(TEAM_LEAD))
        page = client.get(self.url(complaint))
        assert page.status_code == 200
        assert "Toegang beperken" in page.content.decode()
        response = client.post(
            self.url(complaint),
            {"restricted": "1", "reason": REASON, "version": case_version(complaint)},
        )
        assert response.status_code == 302
        assert response["Location"] == complaint_url(complaint)
        assert Complaint.objects.get(pk=complaint.pk).restricted
        assert restrict_events(complaint).get().reason == REASON

    def test_without_a_reason_the_form_comes_back_with_the_error(self, client):
        complaint = complaint_factory()
        client.force_login(staff_user(TEAM_LEAD))
        events = AuditEvent.objects.count()
        response = client.post(self.url(complaint), {"restricted": "1", "reason": ""})
        assert response.status_code == 400
        assert "Geef een reden op." in response.content.decode()
        assert not Complaint.objects.get(pk=complaint.pk).restricted
        assert AuditEvent.objects.count() == events

    def test_a_case_handler_is_refused_with_nothing_changed_and_nothing_logged(self, client):
        handler = staff_user(CASE_HANDLER)
        complaint = complaint_factory(assigned_to=handler)
        client.force_login(handler)
        before, events = snapshot(complaint), AuditEvent.objects.count()
        assert client.get(self.url(complaint)).status_code == 403
        response = client.post(self.url(complaint), {"restricted": "1", "reason": REASON})
        assert response.status_code == 403
        assert snapshot(complaint) == before
        assert AuditEvent.objects.count() == events

    def test_someone_who_cannot_see_the_case_gets_a_404(self, client):
        complaint = complaint_factory(restricted=True)
        client.force_login(staff_user(ADMINISTRATOR))
        events = AuditEvent.objects.count()
        response = client.post(self.url(complaint), {"restricted": "0", "reason": REASON})
        assert response.status_code == 404
        assert Complaint.objects.get(pk=complaint.pk).restricted
        assert AuditEvent.objects.count() == events

    def test_a_second_submit_of_the_same_form_is_refused_in_words(self, client):
        complaint = complaint_factory()
        client.force_login(staff_user(TEAM_LEAD))
        data = {"restricted": "1", "reason": REASON}
        client.post(self.url(complaint), data)
        response = client.post(self.url(complaint), data)
        assert response.status_code == 400
        assert "Deze zaak heeft al beperkte toegang." in response.content.decode()
        assert restrict_events(complaint).count() == 1
