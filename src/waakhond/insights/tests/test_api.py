"""The patterns API: a staff token, the patterns and their member references."""

import pytest
from ninja.testing import TestClient

from django.core.management import call_command

from waakhond.audit.models import AuditEvent
from waakhond.insights.api import build_router
from waakhond.insights.services import api_token_create, insights_index_complaint

from .factories import complaint, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return TestClient(build_router())


def make_pattern():
    refs = []
    for i, org in enumerate(["Gemeente Dronten", "Gemeente Almere", "Gemeente Lelystad"]):
        c = complaint(
            organisation=org,
            text=f"tekst {i} " * 5,
            practices=("camera",),
            groups=("welfare_recipients",),
        )
        insights_index_complaint(complaint=c)
        refs.append(c.reference)
    return refs


def test_a_team_lead_token_lists_patterns_with_member_references(api):
    refs = make_pattern()
    _token_obj, token = api_token_create(user=user("lead", "team_lead"), name="test")
    response = api.get("?kind=practice", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    data = response.json()
    pattern = next(
        p for p in data["results"] if p["key"] == "practice:recording:g-welfare_recipients"
    )
    assert sorted(pattern["members"]) == sorted(refs)
    assert pattern["organisation_count"] == 3 and pattern["threshold_crossed"]
    assert pattern["title"] and pattern["title_en"]


def test_no_token_a_wrong_token_or_a_revoked_one_is_refused(api):
    make_pattern()
    assert api.get("").status_code == 401
    assert api.get("", headers={"Authorization": "Bearer whp_wrong"}).status_code == 401
    token_obj, token = api_token_create(user=user("lead", "team_lead"), name="test")
    token_obj.revoked_at = token_obj.created_at
    token_obj.save()
    assert api.get("", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_only_staff_who_may_see_dashboards_get_a_token():
    from waakhond.accounts.access import PermissionDenied

    with pytest.raises(PermissionDenied):
        api_token_create(user=user("handler", "case_handler"), name="x")


def test_the_command_prints_a_token_once_and_logs_it(capsys):
    user("lead", "team_lead")
    call_command("create_api_token", "--user", "lead", "--name", "dashboard")
    token = capsys.readouterr().out.strip()
    assert token.startswith("whp_")
    assert AuditEvent.objects.filter(event_type="api.token.created").count() == 1
