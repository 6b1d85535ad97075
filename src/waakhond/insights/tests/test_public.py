"""The public statistics page: current figures, and no personal data or organisation names."""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone

from waakhond.cases.models import Decision

from .factories import complaint, user

pytestmark = pytest.mark.django_db

DISTINCTIVE = {
    "name": "Xantippe Vlodderhuizen",
    "email": "xantippe.vlodderhuizen@voorbeeld-uniek.nl",
    "organisation": "Stichting Zonnebloemvallei Qwertyburg",
}


def test_the_public_page_shows_current_counts_and_no_personal_data_or_organisations(client):
    lead = user("lead", "team_lead")
    for i in range(3):
        c = complaint(
            name=DISTINCTIVE["name"],
            email=DISTINCTIVE["email"],
            organisation=DISTINCTIVE["organisation"],
            text=f"{DISTINCTIVE['name']} schrijft over {DISTINCTIVE['organisation']} klacht {i}",
            controller_name=DISTINCTIVE["organisation"],
            categories=("access_rights",),
        )
        c.complainant_phone = "06-98765432"
        c.complainant_address = "Vlodderlaan 77, 9999 ZZ Qwertyburg"
        c.save()
    Decision.objects.create(
        complaint=c,
        outcome="intervention_successful",
        reasons=DISTINCTIVE["name"],
        decided_on=timezone.localdate(),
        made_known_on=timezone.localdate(),
        decided_by=lead,
    )
    response = client.get(reverse("statistics:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for needle in [
        *DISTINCTIVE.values(),
        "Vlodderhuizen",
        "Qwertyburg",
        "06-98765432",
        "Vlodderlaan",
        "Zonnebloemvallei",
        "@",
    ]:
        assert needle not in html, needle
    stats = response.context["stats"]
    assert stats["total"] == 3
    this_year = timezone.localdate().year
    year = next(y for y in stats["per_year"] if y.year == this_year)
    assert year.received == 3 and year.decided == 1
    assert ("inzage", 3) in stats["topics"]


def test_decided_within_eight_weeks_counts_by_the_day_of_receipt(client):
    lead = user("lead", "team_lead")
    today = timezone.localdate()
    fast = complaint(days_ago=30, text="a")
    slow = complaint(days_ago=100, text="b")
    for c, days in ((fast, 20), (slow, 90)):
        Decision.objects.create(
            complaint=c,
            outcome="tip_recorded",
            reasons="-",
            decided_on=timezone.localdate(c.received_at) + dt.timedelta(days=days),
            made_known_on=today,
            decided_by=lead,
        )
    stats = client.get(reverse("statistics:index")).context["stats"]
    decided = sum(y.decided for y in stats["per_year"])
    on_time = sum(y.on_time for y in stats["per_year"])
    assert (decided, on_time) == (2, 1)
