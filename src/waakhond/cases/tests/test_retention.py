"""Retention: finished cases lose their complainant's data when their period ends, and only then.

A case is filed through the intake service; its case records (decision, letter with a PDF,
message, note, closing line) are written directly, so every table the job must clean is present
whatever path put it there. Closing dates are moved into the past the same way.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import override_settings

from waakhond.accounts.roles import TEAM_LEAD
from waakhond.audit.models import AuditEvent, AuditEventType
from waakhond.cases.models import Decision, Letter, Note, OutgoingMessage, RetentionRun
from waakhond.cases.retention import (
    REMOVED,
    REMOVED_NOTE,
    retention_apply,
    retention_due,
    retention_ends_on,
    retention_periods,
    retention_years,
)
from waakhond.cases.retention_tasks import apply_retention
from waakhond.cases.selectors import complaint_current_decision
from waakhond.common.errors import NotFound
from waakhond.intake.models import Attachment, Complaint, StatusChange, TriageRecord
from waakhond.intake.selectors import access_complaint_by_status_token
from waakhond.intake.services import AttachmentUpload

from .factories import complaint_factory, staff_user

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2037, 6, 15)
PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def closed_case(
    *,
    closed_on: dt.date,
    outcome: str | None = "not_investigated_priority",
    state: str = "closed",
    decided_on: dt.date | None = None,
    closing_line: bool = True,
    phone: str = "06-12345678",
) -> Complaint:
    """A complaint with an attachment, a decision, a letter with a PDF, a message and a note,
    closed on `closed_on` (or only decided then, without a closing line)."""
    complaint = complaint_factory(
        triage="high",
        complainant_phone=phone,
        complainant_address="Dorpsstraat 1, 8251 AA Dronten",
        desired_outcome="Dat het filmen stopt.",
        attachments=(AttachmentUpload(name="brief.png", content=PNG, content_type="image/png"),),
    )
    lead = staff_user(TEAM_LEAD)
    if outcome:
        Decision.objects.create(
            complaint=complaint,
            outcome=outcome,
            reasons=f"Klager {complaint.complainant_name} is ernstig geraakt.",
            factors={"affected": {"level": "high", "reasons": ["Jarenlang gefilmd."]}},
            decided_on=decided_on or closed_on,
            made_known_on=decided_on or closed_on,
            decided_by=lead,
        )
    letter = Letter.objects.create(
        complaint=complaint,
        kind="decision",
        language="nl",
        recipient="complainant",
        subject=f"Besluit op uw klacht {complaint.reference}",
        body=f"Beste {complaint.complainant_name}, ...",
    )
    letter.pdf.save("besluit.pdf", ContentFile(PDF))
    OutgoingMessage.objects.create(
        complaint=complaint,
        letter=letter,
        to=complaint.complainant_email,
        subject=letter.subject,
        body=letter.body,
        status="sent",
    )
    Note.objects.create(complaint=complaint, author=lead, text="Klager belde, is boos.")
    Complaint.objects.filter(pk=complaint.pk).update(state=state)
    if closing_line:
        line = StatusChange.objects.create(
            complaint=complaint,
            from_state="decided",
            to_state=state,
            actor_label="system",
            reason="Bezwaartermijn verstreken.",
        )
        StatusChange.objects.filter(pk=line.pk).update(
            created_at=dt.datetime.combine(closed_on, dt.time(12), tzinfo=AMSTERDAM)
        )
    return Complaint.objects.get(pk=complaint.pk)


def stored_files(complaint: Complaint) -> list[str]:
    names = [a.file.name for a in Attachment.objects.filter(complaint=complaint)]
    names += [
        letter.pdf.name for letter in Letter.objects.filter(complaint=complaint) if letter.pdf
    ]
    return names


def statistics() -> dict:
    """What the public figures and the dashboards count, per group."""

    def by(*fields):
        rows = Complaint.objects.values(*fields).annotate(n=Count("id")).order_by(*fields)
        return [tuple(row.values()) for row in rows]

    return {
        "total": Complaint.objects.count(),
        "by_received_day": sorted((c.received_at.date(), 1) for c in Complaint.objects.all()),
        "by_band_sector_lane": by("band", "sector", "lane_suggested"),
        "by_state": by("state"),
        "by_organisation": by("organisation_name"),
        "by_category": by("category_tags"),
        "by_outcome": [
            tuple(r.values())
            for r in Decision.objects.values("outcome").annotate(n=Count("id")).order_by("outcome")
        ],
        "facts": sorted(
            fact["rule_id"]
            for record in TriageRecord.objects.all()
            for fact in record.result["facts"]
        ),
    }


def retention_events():
    return AuditEvent.objects.filter(event_type=AuditEventType.RETENTION_APPLIED)


# --- Periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "closed_on, years, ends_on, why",
    [
        (dt.date(2026, 3, 10), 10, dt.date(2036, 3, 10), "the same date ten years on"),
        (
            dt.date(2024, 2, 29),
            10,
            dt.date(2034, 2, 28),
            "29 February in a common year is the 28th",
        ),
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29), "and stays the 29th in a leap year"),
        (dt.date(2026, 12, 31), 5, dt.date(2031, 12, 31), "a shorter period for one outcome"),
    ],
)
def test_the_period_ends_on_the_same_date_years_later(closed_on, years, ends_on, why):
    assert retention_ends_on(closed_on, years) == ends_on, why


def test_ten_years_for_everything_unless_an_outcome_says_otherwise():
    default, by_outcome = retention_periods()
    assert (default, by_outcome) == (10, {})
    assert retention_years("tip_recorded", default=10, by_outcome={"tip_recorded": 5}) == 5
    assert retention_years("referred", default=10, by_outcome={"tip_recorded": 5}) == 10
    # A withdrawn case has no decision: the default.
    assert retention_years("", default=10, by_outcome={"tip_recorded": 5}) == 10


@override_settings(WAAKHOND_RETENTION_YEARS_BY_OUTCOME={"tipped": 5})
def test_an_unknown_outcome_in_the_settings_is_refused_by_name():
    with pytest.raises(ImproperlyConfigured, match="tipped"):
        retention_periods()


@override_settings(WAAKHOND_RETENTION_YEARS_BY_OUTCOME={"tip_recorded": 0})
def test_a_period_of_zero_years_is_refused():
    with pytest.raises(ImproperlyConfigured):
        retention_periods()


# --- Which cases ------------------------------------------------------------------------------


def test_an_expired_closed_case_is_anonymised_and_its_files_are_gone(
    django_capture_on_commit_callbacks,
):
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    files = stored_files(case)
    assert len(files) == 2 and all(default_storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        run = retention_apply(today=TODAY)

    assert run.pk and not run.dry_run
    assert run.references == [case.reference]
    assert (run.anonymised, run.deleted_files) == (1, 2)
    case.refresh_from_db()
    assert case.complainant_name == REMOVED
    assert case.complainant_email == case.complainant_phone == case.complainant_address == ""
    assert case.represented_person == case.desired_outcome == ""
    assert case.description == REMOVED_NOTE
    assert case.status_token_hash == ""
    assert case.status_token_revoked_at is not None
    assert not Attachment.objects.filter(complaint=case).exists()
    assert not any(default_storage.exists(name) for name in files)
    letter = Letter.objects.get(complaint=case)
    assert not letter.pdf and letter.body == REMOVED_NOTE
    message = OutgoingMessage.objects.get(complaint=case)
    assert message.to == "" and message.body == REMOVED_NOTE
    assert Note.objects.get(complaint=case).text == REMOVED_NOTE
    assert Decision.objects.get(complaint=case).reasons == REMOVED_NOTE
    assert set(StatusChange.objects.filter(complaint=case).values_list("reason", flat=True)) <= {
        "",
        REMOVED_NOTE,
    }


def test_what_statistics_need_is_kept():
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    before = Complaint.objects.get(pk=case.pk)
    retention_apply(today=TODAY)
    after = Complaint.objects.get(pk=case.pk)
    for name in (
        "reference",
        "received_at",
        "organisation_name",
        "organisation_id",
        "sector",
        "band",
        "score",
        "lane_suggested",
        "category_tags",
        "state",
    ):
        assert getattr(after, name) == getattr(before, name), name
    decision = Decision.objects.get(complaint=case)
    assert decision.outcome == "not_investigated_priority"
    assert decision.factors == {"affected": {"level": "high"}}
    result = TriageRecord.objects.get(complaint=case).result
    assert [fact["rule_id"] for fact in result["facts"]] == [
        "practice.camera",
        "duration.years",
        "group.welfare",
    ]
    # The facts stay, the words quoted from the description go.
    assert all(fact["evidence"] == [] for fact in result["facts"])
    assert "filmt" not in str(result)


def test_the_status_link_no_longer_opens_an_anonymised_case():
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    retention_apply(today=TODAY)
    with pytest.raises(NotFound):
        access_complaint_by_status_token(reference=case.reference, token="")


def test_the_complainant_s_own_messages_are_removed_too():
    message_model = apps.get_model("intake", "ComplainantMessage")
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    message = message_model.objects.create(complaint=case, text="Ze filmen nog steeds.")
    retention_apply(today=TODAY)
    message.refresh_from_db()
    assert message.text == REMOVED_NOTE


def test_a_case_whose_period_has_not_ended_is_untouched():
    # Closed one day less than ten years before today.
    case = closed_case(closed_on=dt.date(2027, 6, 16))
    before = Complaint.objects.values().get(pk=case.pk)
    files = stored_files(case)
    run = retention_apply(today=TODAY)
    assert run.anonymised == 0 and run.references == []
    assert Complaint.objects.values().get(pk=case.pk) == before
    assert stored_files(case) == files
    assert all(default_storage.exists(name) for name in files)
    assert not retention_events().exists()


def test_an_open_case_is_kept_however_old():
    complaint = complaint_factory(triage="high", received_days_ago=20 * 365)
    retention_apply(today=TODAY)
    assert Complaint.objects.get(pk=complaint.pk).complainant_name == complaint.complainant_name


def test_a_withdrawn_case_expires_like_a_closed_one():
    case = closed_case(closed_on=dt.date(2027, 1, 1), outcome=None, state="withdrawn")
    assert retention_apply(today=TODAY).references == [case.reference]


def test_the_period_counts_from_the_last_closing_line():
    case = closed_case(closed_on=dt.date(2026, 1, 10))
    # Reopened after an upheld objection and closed again later.
    line = StatusChange.objects.create(
        complaint=case, from_state="decided", to_state="closed", actor_label="system"
    )
    StatusChange.objects.filter(pk=line.pk).update(
        created_at=dt.datetime(2028, 1, 10, 12, tzinfo=AMSTERDAM)
    )
    assert retention_due(today=TODAY) == []
    assert [d.reference for d in retention_due(today=dt.date(2038, 1, 10))] == [case.reference]


def test_without_a_closing_line_the_decision_date_counts():
    case = closed_case(
        closed_on=dt.date(2027, 3, 1), decided_on=dt.date(2027, 3, 1), closing_line=False
    )
    due = retention_due(today=TODAY)
    assert [(d.reference, d.closed_on) for d in due] == [(case.reference, dt.date(2027, 3, 1))]


@override_settings(WAAKHOND_RETENTION_YEARS_BY_OUTCOME={"tip_recorded": 5})
def test_an_outcome_can_have_its_own_period():
    tip = closed_case(closed_on=dt.date(2031, 6, 1), outcome="tip_recorded")
    decided = closed_case(closed_on=dt.date(2031, 6, 1), outcome="rejected_no_infringement")
    run = retention_apply(today=TODAY)
    assert run.references == [tip.reference]
    assert Complaint.objects.get(pk=decided.pk).complainant_name == decided.complainant_name


def test_a_case_whose_objection_is_still_open_is_kept():
    from waakhond.cases.models import Objection

    original = closed_case(closed_on=dt.date(2027, 1, 1))
    objection = complaint_factory(triage=None)
    Complaint.objects.filter(pk=objection.pk).update(state="objection")
    Objection.objects.create(
        case=objection,
        decision=complaint_current_decision(original),
        grounds="Niet eens.",
        received_on=dt.date(2027, 1, 5),
    )
    assert retention_apply(today=TODAY).references == []
    Complaint.objects.filter(pk=objection.pk).update(state="closed")
    # The objection case itself has no closing line, so only the original is due.
    assert retention_apply(today=TODAY).references == [original.reference]


# --- The run ----------------------------------------------------------------------------------


def test_a_dry_run_changes_nothing_but_reports_what_would_happen():
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    before = Complaint.objects.values().get(pk=case.pk)
    events_before = AuditEvent.objects.count()
    run = retention_apply(today=TODAY, dry_run=True)
    assert run.pk is None and run.dry_run
    assert (run.references, run.anonymised, run.deleted_files) == ([case.reference], 1, 2)
    assert Complaint.objects.values().get(pk=case.pk) == before
    assert all(default_storage.exists(name) for name in stored_files(case))
    assert not RetentionRun.objects.exists()
    assert AuditEvent.objects.count() == events_before


def test_a_second_run_does_nothing_new(django_capture_on_commit_callbacks):
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    with django_capture_on_commit_callbacks(execute=True):
        first = retention_apply(today=TODAY)
    after_first = Complaint.objects.values().get(pk=case.pk)
    events = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        second = retention_apply(today=TODAY)
    assert first.references == [case.reference]
    assert (second.anonymised, second.deleted_files, second.references) == (0, 0, [])
    assert Complaint.objects.values().get(pk=case.pk) == after_first
    assert AuditEvent.objects.count() == events
    assert retention_due(today=TODAY) == []


def test_statistics_count_the_same_after_retention():
    closed_case(closed_on=dt.date(2027, 6, 15))
    closed_case(closed_on=dt.date(2027, 6, 15), outcome="rejected_no_infringement")
    closed_case(closed_on=dt.date(2030, 1, 1))
    complaint_factory(triage="low")
    before = statistics()
    run = retention_apply(today=TODAY)
    assert run.anonymised == 2
    assert statistics() == before


def test_each_batch_is_one_transaction_with_its_own_audit_event():
    first = closed_case(closed_on=dt.date(2027, 6, 1))
    second = closed_case(closed_on=dt.date(2027, 6, 2))
    run = retention_apply(today=TODAY, batch_size=1)
    events = list(retention_events().order_by("id"))
    assert [e.data["references"] for e in events] == [[first.reference], [second.reference]]
    assert all(e.actor is None and e.object_id == str(run.pk) for e in events)
    assert events[0].data["years"] == {first.reference: 10}
    assert RetentionRun.objects.get(pk=run.pk).references == [first.reference, second.reference]


# --- Command and task -------------------------------------------------------------------------


def test_the_command_s_dry_run_lists_the_cases_and_changes_nothing(capsys):
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    call_command("apply_retention", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert case.reference in out
    assert "would anonymise 1 case(s)" in out
    assert Complaint.objects.get(pk=case.pk).complainant_name != REMOVED


def test_the_command_applies_retention_on_the_given_day(capsys):
    case = closed_case(closed_on=dt.date(2027, 6, 15))
    call_command("apply_retention", "--today", TODAY.isoformat())
    assert "anonymised 1 case(s)" in capsys.readouterr().out
    assert Complaint.objects.get(pk=case.pk).complainant_name == REMOVED


def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("apply_retention", "--today", "15-06-2037")


def test_the_background_task_runs_for_today():
    result = apply_retention.enqueue()
    assert result.return_value["anonymised"] == 0
    assert RetentionRun.objects.filter(pk=result.return_value["run"]).exists()
