import datetime as dt

import pytest

from waakhond.cases.selectors_deadlines import (
    cases_at_risk,
    complaint_deadline_overview,
    complaint_deadlines_public,
)
from waakhond.cases.services import common
from waakhond.cases.tests.case_factories import case_in_lane, handler_user, lead_user
from waakhond.cases.tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_the_public_list_names_each_deadline_with_date_basis_and_why_in_the_complaints_language():
    complaint = case_in_lane(handler=handler_user(), language="en")
    rows = complaint_deadlines_public(complaint)
    assert [row["key"] for row in rows] == ["acknowledgement", "decision", "progress_notice"]
    decision = rows[1]
    assert set(decision) == {"key", "label", "date", "basis", "explanation"}
    assert isinstance(decision["date"], dt.date)
    assert decision["basis"].startswith("Awb 4:13(2)")
    assert decision["explanation"].startswith("The complaint was received on")
    assert decision["label"] == "Decision on the complaint"


def test_the_stored_next_deadline_is_the_earliest_that_still_counts():
    complaint = case_in_lane(handler=handler_user())
    overview = complaint_deadline_overview(complaint)
    assert complaint.next_deadline == overview.next.due
    assert overview.next.key == "decision"


def test_the_team_lead_sees_overdue_cases_first():
    lead = lead_user()
    late = case_in_lane(handler=handler_user(), received_days_ago=70)
    soon = case_in_lane(handler=handler_user(), received_days_ago=54)
    case_in_lane(handler=handler_user())
    found = cases_at_risk(user=lead, today=common.today())
    assert [item.complaint.pk for item in found][:2] == [late.pk, soon.pk]
    assert found[0].overdue


def test_cases_at_risk_respect_what_the_viewer_may_see():
    owner = handler_user()
    case_in_lane(handler=owner, received_days_ago=70)
    nobody = staff_user()
    assert cases_at_risk(user=nobody) == []


def test_the_legal_basis_of_a_deadline_reads_in_the_pages_language():
    complaint = case_in_lane(handler=handler_user())
    dutch = {
        row.key: row.basis for row in complaint_deadline_overview(complaint, language="nl").rows
    }
    english = {
        row.key: row.basis for row in complaint_deadline_overview(complaint, language="en").rows
    }
    assert dutch["acknowledgement"] == "beleid van de AP (geen wettelijke termijn)"
    assert english["acknowledgement"] == "AP policy (not statutory)"
    assert dutch["progress_notice"].startswith("AVG 78(2)")
    assert english["progress_notice"].startswith("GDPR 78(2)")
