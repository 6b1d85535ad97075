"""The queryset twin of can_view_complaint agrees with it, row by row."""

import pytest

from waakhond.accounts.access import can_view_complaint, complaints_visible_to
from waakhond.accounts.roles import AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD
from waakhond.intake.models import Complaint

from .factories import complaint_factory, staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD, AUDITOR])
def test_the_queryset_rule_matches_the_object_rule(role):
    user = staff_user(*([role] if role else []))
    other = staff_user(CASE_HANDLER)
    complaint_factory(triage=None)  # an ordinary complaint
    complaint_factory(triage=None, restricted=True)  # restricted, nobody's
    complaint_factory(triage=None, restricted=True, assigned_to=user)  # restricted, this user's
    complaint_factory(triage=None, restricted=True, assigned_to=other)  # restricted, someone else's
    visible = set(complaints_visible_to(user, Complaint.objects.all()))
    assert visible == {c for c in Complaint.objects.all() if can_view_complaint(user, c)}
