"""The sector report: a PDF for team leads, logged, with no personal data of complainants."""

import pytest

from django.template.loader import render_to_string
from django.urls import reverse

from waakhond.audit.models import AuditEvent
from waakhond.insights.models import Pattern
from waakhond.insights.selectors import describe_pattern, pattern_organisations, pattern_rows
from waakhond.insights.services import insights_index_complaint

from .factories import complaint, user

pytestmark = pytest.mark.django_db


def make_pattern():
    for i, org in enumerate(["Gemeente Dronten", "Gemeente Almere", "Gemeente Lelystad"]):
        c = complaint(
            organisation=org,
            name="Xantippe Vlodderhuizen",
            email="xantippe@uniek.example",
            text=f"Xantippe Vlodderhuizen woont op de Vlodderlaan {i} en wordt gefilmd",
            practices=("camera", "audio_recording"),
            groups=("welfare_recipients",),
        )
        insights_index_complaint(complaint=c)
    return Pattern.objects.get(key="practice:recording:g-welfare_recipients")


def test_a_team_lead_downloads_the_sector_report_and_it_is_logged(client):
    pattern = make_pattern()
    client.force_login(user("lead", "team_lead"))
    response = client.get(reverse("insights:sector_report", args=[pattern.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert (
        AuditEvent.objects.filter(event_type="pattern.reported", object_id=str(pattern.pk)).count()
        == 1
    )


def test_an_auditor_may_see_the_pattern_but_not_make_the_report(client):
    pattern = make_pattern()
    client.force_login(user("auditor", "auditor"))
    assert client.get(reverse("insights:pattern", args=[pattern.pk])).status_code == 200
    response = client.get(reverse("insights:sector_report", args=[pattern.pk]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(event_type="pattern.reported").exists()


def test_the_report_lists_practice_organisations_and_references_but_no_complainant_data():
    pattern = make_pattern()
    rows, total = pattern_rows(pattern)
    html = render_to_string(
        "insights/sector_report.html",
        {
            "pattern": pattern,
            "text": describe_pattern(pattern),
            "organisations": pattern_organisations(pattern),
            "rows": rows,
            "total": total,
            "shown": len(rows),
            "language": "nl",
        },
    )
    for row in rows:
        assert row.reference in html
    assert "Gemeente Almere" in html and "Camerabeelden of cameratoezicht" in html
    for needle in ("Xantippe", "Vlodderhuizen", "Vlodderlaan", "uniek.example"):
        assert needle not in html
