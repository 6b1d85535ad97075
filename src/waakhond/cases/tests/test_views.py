"""The back office pages, through their URLs."""

import pytest

from django.urls import reverse

from waakhond.accounts.roles import ADMINISTRATOR, AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD
from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.intake.models import Complaint, PriorityDecision
from waakhond.intake.services import AttachmentUpload, ComplaintSubmission, complaint_create

from .factories import complaint_factory, staff_user

pytestmark = pytest.mark.django_db

ALL_ROLES = [INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD, AUDITOR, ADMINISTRATOR]


def complaint_url(complaint):
    return reverse("cases:complaint", args=[complaint.reference])


def priority_url(complaint):
    return reverse("cases:complaint_priority", args=[complaint.reference])


def views_of(complaint):
    return AuditEvent.objects.filter(
        event_type=AuditEventType.COMPLAINT_VIEWED, object_id=str(complaint.pk)
    )


class TestAccess:
    def test_anonymous_visitors_are_sent_to_the_login(self, client):
        response = client.get(reverse("cases:queue"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor:login"))

    def test_anonymous_visitors_cannot_open_a_complaint(self, client):
        complaint = complaint_factory()
        response = client.get(complaint_url(complaint))
        assert response.status_code == 302
        assert not views_of(complaint).exists()

    def test_logged_in_without_a_role_is_not_found(self, client):
        complaint = complaint_factory()
        client.force_login(staff_user())
        assert client.get(reverse("cases:queue")).status_code == 404
        assert client.get(complaint_url(complaint)).status_code == 404
        assert not views_of(complaint).exists()

    @pytest.mark.parametrize("role", ALL_ROLES)
    def test_each_role_sees_the_queue(self, client, role):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(role))
        response = client.get(reverse("cases:queue"))
        assert response.status_code == 200
        assert complaint.reference in response.content.decode()

    def test_a_restricted_complaint_answers_like_a_missing_one(self, client):
        restricted = complaint_factory(restricted=True)
        client.force_login(staff_user(CASE_HANDLER))
        missing = client.get(reverse("cases:complaint", args=["WH-2026-999999"]))
        hidden = client.get(complaint_url(restricted))
        assert missing.status_code == hidden.status_code == 404
        assert restricted.reference not in client.get(reverse("cases:queue")).content.decode()
        assert not views_of(restricted).exists()


class TestQueuePage:
    def test_the_high_complaint_is_above_the_low_one_with_its_band_as_text(self, client):
        low = complaint_factory(triage="low")
        high = complaint_factory(triage="high")
        client.force_login(staff_user(INTAKE_OFFICER))
        html = client.get(reverse("cases:queue")).content.decode()
        assert html.index(high.reference) < html.index(low.reference)
        assert '<span class="wh-band wh-band--high">Hoog</span>' in html
        assert '<th scope="col">' in html

    def test_a_not_yet_triaged_complaint_shows_its_status(self, client):
        complaint_factory(triage="failed")
        client.force_login(staff_user(INTAKE_OFFICER))
        html = client.get(reverse("cases:queue")).content.decode()
        assert "Nog niet beoordeeld" in html
        assert "mislukt na 1 poging" in html

    def test_pagination_keeps_the_filters(self, client):
        for _ in range(51):
            complaint_factory(triage=None)
        client.force_login(staff_user(INTAKE_OFFICER))
        html = client.get(reverse("cases:queue"), {"band": "none"}).content.decode()
        assert "?band=none&amp;page=2" in html

    def test_a_decided_priority_says_so(self, client):
        complaint = complaint_factory(triage="high")
        user = staff_user(INTAKE_OFFICER)
        client.force_login(user)
        client.post(priority_url(complaint), {"band": "low", "reason": "Eenmalig, al opgelost."})
        html = client.get(reverse("cases:queue")).content.decode()
        assert "(aangepast)" in html


class TestComplaintPage:
    def test_it_shows_the_explanation_with_the_three_factors_and_the_evidence(self, client):
        complaint = complaint_factory(
            triage="high",
            description="Wij worden gefilmd. <script>x</script> De gemeente filmt al zeven jaar.",
        )
        client.force_login(staff_user(CASE_HANDLER))
        response = client.get(complaint_url(complaint))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Hoe zwaar is de betrokkene geraakt?" in html
        assert "Wat is de maatschappelijke betekenis?" in html
        assert "Kan de AP doeltreffend en doelmatig optreden?" in html
        assert "Jarenlang gefilmd." in html
        assert '<mark class="wh-evidence">filmt</mark>' in html
        assert "&lt;script&gt;x&lt;/script&gt;" in html
        assert "<script>x</script>" not in html
        assert "35(1)" in html
        assert "Een DPIA was waarschijnlijk nodig." in html
        assert "0.1.0" in html

    def test_opening_a_complaint_is_logged_with_who_when_and_which(self, client):
        complaint = complaint_factory(triage="high")
        user = staff_user(AUDITOR)
        client.force_login(user)
        client.get(complaint_url(complaint))
        client.get(complaint_url(complaint))
        events = list(views_of(complaint))
        assert len(events) == 2
        assert events[0].actor == user
        assert events[0].actor_label == user.username
        assert events[0].object_type == "intake.complaint"
        assert events[0].created_at is not None

    def test_a_not_yet_triaged_complaint_renders(self, client):
        complaint = complaint_factory(triage=None)
        client.force_login(staff_user(INTAKE_OFFICER))
        response = client.get(complaint_url(complaint))
        assert response.status_code == 200
        assert "Nog niet beoordeeld" in response.content.decode()

    def test_a_broken_triage_result_still_renders(self, client):
        complaint = complaint_factory(
            triage="high",
            result={
                "priority": {"band": "high", "score": 90, "factors": {"affected": None}},
                "version": {"engine": "x", "rules": "y"},
            },
        )
        client.force_login(staff_user(INTAKE_OFFICER))
        assert client.get(complaint_url(complaint)).status_code == 200

    def test_the_english_page_shows_english_reasons(self, client):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(INTAKE_OFFICER))
        client.cookies["django_language"] = "en"
        html = client.get(complaint_url(complaint), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Filmed for years." in html

    def test_the_access_log_is_shown_to_auditors_only(self, client):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(AUDITOR))
        assert "Inzage en wijzigingen" in client.get(complaint_url(complaint)).content.decode()
        client.force_login(staff_user(INTAKE_OFFICER))
        assert "Inzage en wijzigingen" not in client.get(complaint_url(complaint)).content.decode()


class TestPriority:
    def test_confirming_the_suggestion_needs_no_reason(self, client):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(INTAKE_OFFICER))
        response = client.post(priority_url(complaint), {"band": "high"})
        assert response.status_code == 302
        complaint.refresh_from_db()
        assert complaint.priority_confirmed
        assert PriorityDecision.objects.get(complaint=complaint).action == "confirm"
        assert AuditEvent.objects.filter(event_type=AuditEventType.PRIORITY_CONFIRMED).count() == 1

    def test_an_override_without_a_reason_is_refused_and_nothing_changes(self, client):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(INTAKE_OFFICER))
        events_before = AuditEvent.objects.count()
        response = client.post(priority_url(complaint), {"band": "low", "reason": "   "})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Geef een reden op als u de voorgestelde prioriteit aanpast." in html
        assert 'aria-invalid="true"' in html
        complaint.refresh_from_db()
        assert complaint.band == "high"
        assert not complaint.priority_confirmed
        assert not PriorityDecision.objects.exists()
        assert AuditEvent.objects.count() == events_before

    def test_an_override_with_a_reason_is_recorded(self, client):
        complaint = complaint_factory(triage="high")
        user = staff_user(TEAM_LEAD)
        client.force_login(user)
        response = client.post(
            priority_url(complaint), {"band": "low", "reason": "Al opgelost door de gemeente."}
        )
        assert response.status_code == 302
        complaint.refresh_from_db()
        assert (complaint.band, complaint.band_suggested, complaint.priority_confirmed) == (
            "low",
            "high",
            True,
        )
        decision = PriorityDecision.objects.get(complaint=complaint)
        assert (decision.action, decision.actor, decision.reason) == (
            "override",
            user,
            "Al opgelost door de gemeente.",
        )
        event = AuditEvent.objects.get(event_type=AuditEventType.PRIORITY_OVERRIDDEN)
        assert (event.actor, event.reason, event.data["after"]) == (
            user,
            "Al opgelost door de gemeente.",
            "low",
        )
        html = client.get(complaint_url(complaint)).content.decode()
        assert "Al opgelost door de gemeente." in html

    def test_an_unknown_band_is_a_form_error(self, client):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(INTAKE_OFFICER))
        response = client.post(priority_url(complaint), {"band": "urgent", "reason": "x"})
        assert response.status_code == 400
        assert not PriorityDecision.objects.exists()

    @pytest.mark.parametrize("role", [AUDITOR, ADMINISTRATOR])
    def test_roles_that_may_not_decide_are_refused(self, client, role):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(role))
        html = client.get(complaint_url(complaint)).content.decode()
        assert "Prioriteit vastleggen" not in html
        response = client.post(priority_url(complaint), {"band": "low", "reason": "Omdat."})
        assert response.status_code == 403
        assert not PriorityDecision.objects.exists()

    def test_the_priority_of_a_restricted_complaint_cannot_be_set_by_others(self, client):
        complaint = complaint_factory(triage="high", restricted=True)
        client.force_login(staff_user(CASE_HANDLER))
        response = client.post(priority_url(complaint), {"band": "low", "reason": "Omdat."})
        assert response.status_code == 404
        assert Complaint.objects.get(pk=complaint.pk).band == "high"

    def test_get_is_not_allowed(self, client):
        complaint = complaint_factory(triage="high")
        client.force_login(staff_user(INTAKE_OFFICER))
        assert client.get(priority_url(complaint)).status_code == 405


class TestAttachment:
    @pytest.fixture
    def complaint(self):
        filed = complaint_create(
            submission=ComplaintSubmission(
                description="Zie de bijlage.",
                organisation_name="UWV",
                complainant_name="Klager",
                complainant_email="klager@example.org",
                attachments=(
                    AttachmentUpload(
                        name="brief.pdf", content=b"%PDF-1.4 test", content_type="application/pdf"
                    ),
                ),
            )
        )
        return filed.complaint

    def test_staff_download_it_and_the_download_is_logged(self, client, complaint):
        user = staff_user(CASE_HANDLER)
        client.force_login(user)
        item = complaint.attachments.get()
        html = client.get(complaint_url(complaint)).content.decode()
        url = reverse("cases:attachment", args=[complaint.reference, item.pk])
        assert url in html
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
        assert "attachment" in response["Content-Disposition"]
        event = AuditEvent.objects.get(event_type=AuditEventType.ATTACHMENT_VIEWED)
        assert (event.actor, event.object_id, event.data["attachment"]) == (
            user,
            str(complaint.pk),
            item.pk,
        )

    def test_an_attachment_of_another_complaint_is_not_found(self, client, complaint):
        other = complaint_factory()
        client.force_login(staff_user(CASE_HANDLER))
        url = reverse("cases:attachment", args=[other.reference, complaint.attachments.get().pk])
        assert client.get(url).status_code == 404
        assert not AuditEvent.objects.filter(event_type=AuditEventType.ATTACHMENT_VIEWED).exists()

    def test_an_attachment_of_a_restricted_complaint_is_not_found(self, client, complaint):
        Complaint.objects.filter(pk=complaint.pk).update(restricted=True)
        client.force_login(staff_user(CASE_HANDLER))
        url = reverse(
            "cases:attachment", args=[complaint.reference, complaint.attachments.get().pk]
        )
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_staff_read_what_the_complainant_added_through_the_status_link(client):
    from waakhond.intake.models import ComplainantMessage

    complaint = complaint_factory(triage="high")
    ComplainantMessage.objects.create(complaint=complaint, text="Hier is de brief van de gemeente.")
    client.force_login(staff_user(CASE_HANDLER))
    html = client.get(complaint_url(complaint)).content.decode()
    assert "Hier is de brief van de gemeente." in html
