"""The queue: order, filters and what each member of staff may see."""

import pytest

from waakhond.accounts.roles import AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD
from waakhond.cases import selectors
from waakhond.common.errors import NotFound
from waakhond.intake.models import Complaint, State

from .factories import complaint_factory, staff_user

pytestmark = pytest.mark.django_db


def references(queue_page):
    return [c.reference for c in queue_page.page.object_list]


class TestQueueOrder:
    def test_not_triaged_first_then_high_medium_low(self):
        low = complaint_factory(triage="low")
        high = complaint_factory(triage="high")
        pending = complaint_factory(triage=None)
        medium = complaint_factory(triage="medium")
        failed = complaint_factory(triage="failed")
        page = selectors.complaint_queue_page(user=staff_user(INTAKE_OFFICER), params={})
        assert references(page) == [
            pending.reference,
            failed.reference,
            high.reference,
            medium.reference,
            low.reference,
        ]

    def test_within_a_band_the_nearest_deadline_comes_first_then_the_oldest(self):
        later = complaint_factory(triage="high", received_days_ago=1)
        sooner = complaint_factory(triage="high", received_days_ago=10)
        Complaint.objects.filter(pk=later.pk).update(next_deadline=sooner.next_deadline)
        older = complaint_factory(triage="high", received_days_ago=20)
        page = selectors.complaint_queue_page(user=staff_user(INTAKE_OFFICER), params={})
        # `older` has the nearest deadline; `sooner` and `later` share one, the oldest first.
        assert references(page) == [older.reference, sooner.reference, later.reference]

    def test_counts_per_band(self):
        complaint_factory(triage="high")
        complaint_factory(triage="high")
        complaint_factory(triage="low")
        complaint_factory(triage=None)
        page = selectors.complaint_queue_page(user=staff_user(INTAKE_OFFICER), params={})
        assert page.band_counts == {"none": 1, "high": 2, "medium": 0, "low": 1}

    def test_fifty_per_page(self):
        for _ in range(51):
            complaint_factory(triage=None)
        user = staff_user(INTAKE_OFFICER)
        assert len(selectors.complaint_queue_page(user=user, params={}).page.object_list) == 50
        second = selectors.complaint_queue_page(user=user, params={}, page_number=2)
        assert len(second.page.object_list) == 1


class TestQueueFilter:
    @pytest.fixture
    def complaints(self):
        return {
            "high": complaint_factory(triage="high", organisation_name="Gemeente Dronten"),
            "low": complaint_factory(
                triage="low",
                organisation_name="Webwinkel BV",
                description="Mijn inzageverzoek is niet beantwoord.",
            ),
            "pending": complaint_factory(triage=None, organisation_name="UWV"),
        }

    # (filter, expected complaints) — each row in plain words:
    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"band": "high"}, ["high"]),  # one band
            ({"band": "none"}, ["pending"]),  # not yet triaged
            ({"organisation": "webwinkel"}, ["low"]),  # what the complainant typed, any case
            ({"q": "dronten"}, ["high"]),  # free text on the organisation
            ({"sector": "municipality"}, ["high", "low"]),  # both fake results say municipality
            ({"category": "camera_surveillance"}, ["high", "low"]),  # exact category tag
            ({"category": "erasure"}, []),  # a category no complaint has
            ({"triage_status": "pending"}, ["pending"]),  # triage status
            ({"state": "triaged"}, ["high", "low"]),  # one state
        ],
    )
    def test_filters(self, complaints, params, expected):
        page = selectors.complaint_queue_page(user=staff_user(INTAKE_OFFICER), params=params)
        assert sorted(references(page)) == sorted(complaints[name].reference for name in expected)

    def test_free_text_finds_a_reference(self, complaints):
        reference = complaints["low"].reference
        page = selectors.complaint_queue_page(
            user=staff_user(INTAKE_OFFICER), params={"q": reference}
        )
        assert references(page) == [reference]

    def test_closed_complaints_are_left_out_unless_asked_for(self, complaints):
        Complaint.objects.filter(pk=complaints["low"].pk).update(state=State.CLOSED)
        user = staff_user(INTAKE_OFFICER)
        assert complaints["low"].reference not in references(
            selectors.complaint_queue_page(user=user, params={})
        )
        assert complaints["low"].reference in references(
            selectors.complaint_queue_page(user=user, params={"state": "all"})
        )

    def test_an_unknown_filter_value_shows_nothing_rather_than_everything(self, complaints):
        page = selectors.complaint_queue_page(
            user=staff_user(INTAKE_OFFICER), params={"band": "urgent"}
        )
        assert references(page) == []
        assert page.filters.errors


class TestRestrictedComplaint:
    @pytest.fixture
    def handler(self):
        return staff_user(CASE_HANDLER)

    def test_a_restricted_complaint_is_left_out_for_a_handler_it_is_not_assigned_to(self, handler):
        complaint = complaint_factory(triage="high", restricted=True)
        assert complaint.reference not in references(
            selectors.complaint_queue_page(user=handler, params={})
        )
        with pytest.raises(NotFound):
            selectors.complaint_detail(user=handler, reference=complaint.reference)

    def test_its_own_handler_sees_it(self, handler):
        complaint = complaint_factory(triage="high", restricted=True, assigned_to=handler)
        assert complaint.reference in references(
            selectors.complaint_queue_page(user=handler, params={})
        )
        assert selectors.complaint_detail(user=handler, reference=complaint.reference) == complaint

    @pytest.mark.parametrize("role", [TEAM_LEAD, AUDITOR])
    def test_team_leads_and_auditors_see_it(self, role):
        complaint = complaint_factory(triage="high", restricted=True)
        user = staff_user(role)
        assert complaint.reference in references(
            selectors.complaint_queue_page(user=user, params={})
        )

    def test_someone_without_a_role_sees_nothing(self):
        complaint_factory(triage="high")
        page = selectors.complaint_queue_page(user=staff_user(), params={})
        assert references(page) == []
