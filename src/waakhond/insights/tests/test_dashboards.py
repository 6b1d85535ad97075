"""Dashboard figures against counts computed directly from the database, and the pages."""

import csv
import datetime as dt
import io

import pytest

from django.urls import reverse
from django.utils import timezone

from waakhond.cases.deadlines import add_months
from waakhond.cases.models import Decision, Letter
from waakhond.insights import dashboards
from waakhond.intake.models import Complaint

from .factories import complaint, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    """A small desk: complaints over a year in two sectors and lanes, some decided or written to."""
    lead = user("lead", "team_lead")
    handler = user("handler", "case_handler")
    today = timezone.localdate()
    made = []
    for i in range(30):
        c = complaint(
            days_ago=i * 12 + 0.5,
            sector="municipality" if i % 3 else "healthcare",
            band=["high", "medium", "low"][i % 3],
            categories=("camera_surveillance",) if i % 2 else ("access_rights", "lawful_basis"),
            text=f"tekst {i}",
        )
        c.lane = ["investigate", "quick_intervention", ""][i % 3]
        c.assigned_to = handler if i % 4 == 0 else None
        c.next_deadline = today + dt.timedelta(days=(i % 7) - 3)
        c.state = "in_lane" if i % 5 else "decided"
        c.save()
        made.append(c)
    for c in made[::5]:
        received_on = timezone.localdate(c.received_at)
        Decision.objects.create(
            complaint=c,
            outcome="intervention_successful" if c.pk % 2 else "not_investigated_priority",
            reasons="-",
            decided_on=min(today, received_on + dt.timedelta(days=40)),
            made_known_on=min(today, received_on + dt.timedelta(days=40)),
            decided_by=lead,
        )
    for c in made[1::4]:
        Letter.objects.create(
            complaint=c,
            kind="progress_notice",
            language="nl",
            recipient="complainant",
            subject="s",
            body="b",
        )
    return {"lead": lead, "handler": handler, "complaints": made}


def year_filters(**kw):
    today = timezone.localdate()
    return dashboards.Filters(date_from=today - dt.timedelta(days=364), date_to=today, **kw)


def in_period(c, f):
    return f.date_from <= timezone.localdate(c.received_at) <= f.date_to


def test_intake_per_month_and_week_add_up_to_the_complaints_received_in_the_period(data):
    f = year_filters()
    expected = sum(1 for c in Complaint.objects.all() if in_period(c, f))
    assert sum(r[1] for r in dashboards.intake_per_month(f).rows) == expected
    assert sum(r[1] for r in dashboards.intake_per_week(f).rows) == expected


def test_intake_by_sector_band_and_category_match_direct_counts(data):
    f = year_filters(sector="municipality")
    rows = [c for c in Complaint.objects.all() if in_period(c, f) and c.sector == "municipality"]
    assert dict(dashboards.intake_by_sector(f).rows) == {"gemeente": len(rows)}
    bands = dict(dashboards.intake_by_band(f).rows)
    assert bands["hoog"] == sum(1 for c in rows if c.band == "high")
    categories = dict(dashboards.intake_by_category(f).rows)
    assert categories["cameratoezicht"] == sum(
        1 for c in rows if "camera_surveillance" in c.categories
    )


def test_deadlines_by_lane_agree_with_deadline_status(data):
    f = year_filters()
    today = timezone.localdate()
    expected = {"overdue": 0, "at_risk": 0, "ok": 0}
    for c in Complaint.objects.exclude(state__in=dashboards.CLOSED_STATES):
        expected[dashboards.deadline_state(c.next_deadline, today)] += 1
    table = dashboards.deadlines_by_lane(f)
    assert sum(r[1] for r in table.rows) == expected["overdue"]
    assert sum(r[2] for r in table.rows) == expected["at_risk"]
    assert sum(r[3] for r in table.rows) == expected["ok"]


def test_backlog_by_age_counts_every_open_complaint_once(data):
    table = dashboards.backlog_by_age(year_filters())
    assert (
        sum(r[1] for r in table.rows)
        == Complaint.objects.exclude(state__in=dashboards.CLOSED_STATES).count()
    )


def test_art78_share_matches_a_direct_computation(data):
    f = year_filters()
    today = timezone.localdate()
    due = reported = 0
    for c in Complaint.objects.all():
        if not in_period(c, f):
            continue
        limit = add_months(timezone.localdate(c.received_at), 3)
        ok = Decision.objects.filter(complaint=c, decided_on__lte=limit).exists() or any(
            timezone.localdate(letter.created_at) <= limit
            for letter in Letter.objects.filter(
                complaint=c, kind__in=dashboards.REPORT_LETTER_KINDS
            )
        )
        reported += ok
        due += ok or limit < today
    assert dashboards.art78_share(f.received()) == (due, reported)
    table = dashboards.art78_per_month(f)
    assert sum(r[1] for r in table.rows) == due and sum(r[2] for r in table.rows) == reported


def test_three_months_from_a_month_end_ends_on_the_last_day_of_the_month():
    from zoneinfo import ZoneInfo

    ams = ZoneInfo("Europe/Amsterdam")
    in_time = complaint(received_at=dt.datetime(2024, 11, 30, 10, tzinfo=ams), text="a")
    late = complaint(received_at=dt.datetime(2024, 11, 30, 11, tzinfo=ams), text="b")
    for c, day in ((in_time, dt.date(2025, 2, 28)), (late, dt.date(2025, 3, 1))):
        letter = Letter.objects.create(
            complaint=c,
            kind="progress_notice",
            language="nl",
            recipient="complainant",
            subject="s",
            body="b",
        )
        Letter.objects.filter(pk=letter.pk).update(
            created_at=dt.datetime.combine(day, dt.time(12), tzinfo=ams)
        )
    assert dashboards.art78_share(Complaint.objects.filter(pk__in=[in_time.pk, late.pk])) == (2, 1)


def test_outcomes_by_lane_and_workload_match_direct_counts(data):
    f = year_filters()
    table = dashboards.outcomes_by_lane(f)
    decided = Decision.objects.filter(
        decided_on__gte=f.date_from, decided_on__lte=f.date_to
    ).count()
    assert sum(sum(r[1:]) for r in table.rows) == decided
    workload = {r[0]: r[1] for r in dashboards.workload_per_handler(f).rows}
    assert (
        workload["handler"]
        == Complaint.objects.filter(assigned_to=data["handler"])
        .exclude(state__in=dashboards.CLOSED_STATES)
        .count()
    )


@pytest.mark.parametrize("page", ["intake", "backlog", "outcomes"])
def test_a_team_lead_sees_each_dashboard_page_with_charts_and_tables(client, data, page):
    client.force_login(data["lead"])
    response = client.get(reverse("insights:page", args=[page]), {"sector": "municipality"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<table" in html


def test_the_overview_shows_key_figures_and_signals(client, data):
    client.force_login(data["lead"])
    response = client.get(reverse("insights:dashboard"))
    assert response.status_code == 200
    assert (
        response.context["figures"].open
        == Complaint.objects.exclude(state__in=dashboards.CLOSED_STATES).count()
    )


def test_a_case_handler_gets_a_404_and_an_anonymous_visitor_the_login(client, data):
    client.force_login(data["handler"])
    assert client.get(reverse("insights:dashboard")).status_code == 404
    assert client.get(reverse("insights:export", args=["intake_month"])).status_code == 404
    client.logout()
    assert client.get(reverse("insights:dashboard")).status_code == 302


def test_every_chart_exports_as_csv_with_the_same_rows(client, data):
    client.force_login(data["lead"])
    f = year_filters()
    for table_id, fn in dashboards.TABLE_IDS.items():
        response = client.get(
            reverse("insights:export", args=[table_id]), {"from": f.date_from, "to": f.date_to}
        )
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows == fn(f).csv_rows()


def test_the_forecast_page_prints_its_assumptions_and_accepts_other_hours(client, data):
    client.force_login(data["lead"])
    response = client.get(
        reverse("insights:forecast"), {"hours_investigate": "400", "case_investigate": "20"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Aannames" in html
