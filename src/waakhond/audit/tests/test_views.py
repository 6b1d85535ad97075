"""The audit log viewer and its export, through their URLs."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from django.db import connection
from django.urls import reverse

from waakhond.accounts.roles import ADMINISTRATOR, AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD
from waakhond.audit.models import AuditEvent, AuditEventType

from .factories import event, staff_user

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LOG_URL = "/staff/audit/"
EXPORT_URL = "/staff/audit/export/"


def logged_in(client, *roles):
    user = staff_user(*roles)
    client.force_login(user)
    return user


def shown_ids(response) -> list[int]:
    return [e.pk for e in response.context["page_obj"].object_list]


def exports():
    return AuditEvent.objects.filter(event_type=AuditEventType.AUDIT_EXPORTED)


def test_the_urls_are_where_the_complaint_page_links_to():
    assert reverse("audit:log") == LOG_URL
    assert reverse("audit:export") == EXPORT_URL


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(LOG_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


@pytest.mark.parametrize("role", [INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD])
def test_staff_without_the_auditor_or_administrator_role_are_refused(client, role):
    logged_in(client, role)
    before = AuditEvent.objects.count()
    assert client.get(LOG_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403
    assert AuditEvent.objects.count() == before
    assert not exports().exists()


def test_logged_in_without_a_role_is_not_found(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("geenrol", password="x" * 16))
    assert client.get(LOG_URL).status_code == 404


@pytest.mark.parametrize("role", [AUDITOR, ADMINISTRATOR])
def test_auditors_and_administrators_see_the_log_and_an_intact_chain(client, role):
    logged_in(client, role)
    viewed = event(reason="Controle dossier")
    response = client.get(LOG_URL)
    assert response.status_code == 200
    assert viewed.pk in shown_ids(response)
    assert response.context["chain"].intact
    page = response.content.decode()
    assert 'id="chain-status"' in page
    assert "Controle dossier" in page


def test_a_broken_chain_is_shown_with_the_first_broken_event(client):
    logged_in(client, AUDITOR)
    changed = event(reason="origineel")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(AuditEvent._meta.db_table)} SET reason = %s WHERE id = %s",
            ["vervalst", changed.pk],
        )
    response = client.get(LOG_URL)
    assert response.context["chain"].first_broken_id == changed.pk
    assert f"verbroken bij gebeurtenis {changed.pk}" in response.content.decode()


def test_newest_first_fifty_to_a_page(client):
    logged_in(client, AUDITOR)
    events = [event(object_id=str(n)) for n in range(55)]
    first = client.get(LOG_URL, {"event_type": AuditEventType.COMPLAINT_VIEWED})
    assert shown_ids(first) == [e.pk for e in reversed(events)][:50]
    second = client.get(LOG_URL, {"event_type": AuditEventType.COMPLAINT_VIEWED, "page": 2})
    assert shown_ids(second) == [e.pk for e in reversed(events)][50:]


class TestSearch:
    @pytest.fixture
    def log(self, client):
        auditor = logged_in(client, AUDITOR)
        handler = staff_user(CASE_HANDLER, username="behandelaar.jansen")
        received = event(
            event_type=AuditEventType.COMPLAINT_RECEIVED,
            object_id="42",
            data={"reference": "WH-2026-000042", "channel": "web"},
            at=datetime(2026, 3, 1, 9, 0, tzinfo=AMSTERDAM),
        )
        viewed = event(
            actor=handler, object_id="42", at=datetime(2026, 3, 2, 23, 30, tzinfo=AMSTERDAM)
        )
        overridden = event(
            actor=handler,
            event_type=AuditEventType.PRIORITY_OVERRIDDEN,
            object_id="42",
            reason="Kwetsbare groep, dus hoger",
            at=datetime(2026, 3, 3, 0, 30, tzinfo=AMSTERDAM),
        )
        other = event(
            actor=handler, object_id="7", at=datetime(2026, 4, 1, 12, 0, tzinfo=AMSTERDAM)
        )
        retention = event(
            event_type=AuditEventType.RETENTION_APPLIED,
            object_type="",
            object_id="",
            data={"references": ["WH-2026-000042"]},
            at=datetime(2036, 4, 1, 3, 0, tzinfo=AMSTERDAM),
        )
        return {
            "auditor": auditor,
            "received": received,
            "viewed": viewed,
            "overridden": overridden,
            "other": other,
            "retention": retention,
        }

    @pytest.mark.parametrize(
        "params, expected",
        [
            # Part of a username finds that person's events.
            ({"actor": "jansen"}, ["other", "overridden", "viewed"]),
            # One type of event.
            ({"event_type": "complaint.priority.overridden"}, ["overridden"]),
            # The id a complaint page links with.
            ({"object_id": "42"}, ["overridden", "viewed", "received"]),
            # A reference, in any case, also finds the retention run that names it.
            ({"object_id": "wh-2026-000042"}, ["retention", "overridden", "viewed", "received"]),
            # Dates are days in Amsterdam, both ends included.
            ({"date_from": "2026-03-02", "date_to": "2026-03-02"}, ["viewed"]),
            ({"date_from": "2026-03-03", "date_to": "2026-04-01"}, ["other", "overridden"]),
            # Free text searches the reason.
            ({"q": "kwetsbare"}, ["overridden"]),
            # Conditions combine.
            ({"actor": "jansen", "object_id": "42", "q": "groep"}, ["overridden"]),
        ],
    )
    def test_search(self, client, log, params, expected):
        response = client.get(LOG_URL, params)
        assert response.status_code == 200
        assert shown_ids(response) == [log[name].pk for name in expected]

    def test_an_end_date_before_the_start_date_is_refused_in_words(self, client, log):
        response = client.get(LOG_URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
        assert response.status_code == 400
        assert "De einddatum ligt vóór de begindatum." in response.content.decode()


class TestExport:
    def test_the_export_is_csv_of_the_search_and_is_itself_logged(self, client):
        auditor = logged_in(client, AUDITOR)
        kept = event(object_id="42", reason="Gezien")
        event(object_id="7")
        response = client.get(EXPORT_URL, {"object_id": "42"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment;" in response["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert [row["id"] for row in rows] == [str(kept.pk)]
        assert rows[0]["reason"] == "Gezien"
        assert rows[0]["hash"] == kept.hash
        logged = exports().get()
        assert logged.actor == auditor
        assert logged.data["rows"] == 1
        assert logged.data["filters"]["object"] == "42"

    def test_the_export_does_not_contain_its_own_event(self, client):
        logged_in(client, ADMINISTRATOR)
        event()
        response = client.get(EXPORT_URL, {"event_type": AuditEventType.AUDIT_EXPORTED})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[1:] == []
        assert exports().get().data["rows"] == 0

    def test_cells_a_spreadsheet_would_run_as_a_formula_are_defused(self, client):
        logged_in(client, AUDITOR)
        event(object_id="42", reason='=HYPERLINK("http://example.org")')
        response = client.get(EXPORT_URL, {"object_id": "42"})
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[0]["reason"].startswith("'=")

    def test_an_invalid_search_exports_nothing_and_logs_nothing(self, client):
        logged_in(client, AUDITOR)
        response = client.get(EXPORT_URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
        assert response.status_code == 400
        assert not exports().exists()
