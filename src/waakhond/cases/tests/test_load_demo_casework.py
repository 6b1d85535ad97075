"""The demo team at work: `load_demo` takes the older demo complaints through case handling."""

import json
import sys
import types
from io import StringIO

import pytest

from django.core.management import call_command

from waakhond.audit.models import AuditEvent
from waakhond.cases.models import Decision, Letter, OutgoingMessage
from waakhond.intake.models import Channel, Complaint, State, StatusChange

from .factories import triage_result

pytestmark = pytest.mark.django_db

LANES = (
    "out_of_scope",
    "tip",
    "investigate",
    "quick_intervention",
    "ask_organisation_first",
    "refer_lead_authority",
)


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    monkeypatch.setattr(
        "waakhond.cases.letters.html_to_pdf", lambda html: b"%PDF-1.7\n% test\n%%EOF\n"
    )


@pytest.fixture
def demo_file(tmp_path):
    lines = []
    for age in (200, 170, 150, 130, 90, 45, 30, 3):
        for lane in LANES:
            lines.append(
                {
                    "description": f"Klacht [{lane}] van {age} dagen oud over camera's.",
                    "organisation_name": "Gemeente Dronten",
                    "complainant_name": "A. de Vries",
                    "complainant_email": f"klager-{lane}-{age}@example.org",
                    "language": "nl",
                    "received_days_ago": age,
                }
            )
    path = tmp_path / "complaints.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def engine_with_lanes(monkeypatch):
    module = types.ModuleType("waakhond.intake.triage_adapter")

    def triage_complaint_now(complaint):
        lane = next(lane for lane in LANES if f"[{lane}]" in complaint.description)
        return triage_result("medium", text=complaint.description, lane=lane)

    module.triage_complaint_now = triage_complaint_now
    monkeypatch.setitem(sys.modules, "waakhond.intake.triage_adapter", module)


@pytest.fixture
def demo_mode(settings, tmp_path):
    settings.WAAKHOND_DEMO = True
    settings.VAR_DIR = tmp_path / "var"
    return settings


def run(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_older_demo_complaints_are_handled_once_through_the_services(
    demo_mode, demo_file, engine_with_lanes, mailoutbox
):
    out = run("--file", str(demo_file))
    assert "Demo casework: 48 complaints handled" in out
    demo = Complaint.objects.filter(channel=Channel.DEMO)
    old = [c for c in demo if (c.created_at - c.received_at).days > 120]
    decided_or_further = [c for c in old if c.state in {State.DECIDED, State.CLOSED}]
    assert len(decided_or_further) >= len(old) // 2
    # Decisions carry realistic dates in the past, by the demo team.
    decisions = Decision.objects.filter(complaint__channel=Channel.DEMO)
    assert decisions.exists()
    assert {d.decided_by.username for d in decisions} <= {"behandelaar", "teamleider"}
    assert any(d.decided_on < d.created_at.date() for d in decisions)
    assert Decision.objects.filter(superseded_at__isnull=False).count() == 1
    # The newest complaints are still waiting for someone.
    filed = demo.exclude(submission_key=None)  # objection cases are made by the desk
    newest = [c for c in filed if (c.created_at - c.received_at).days <= 10]
    assert all(c.assigned_to is None for c in newest)
    # Everything went through the services: history and audit for every handled complaint.
    handled = demo.exclude(assigned_to=None)
    assert all(StatusChange.objects.filter(complaint=c).count() > 1 for c in handled)
    # No fictional complainant was mailed; the letters wait for their PDF.
    assert mailoutbox == []
    assert OutgoingMessage.objects.filter(status="queued").exists()
    assert not Letter.objects.exclude(pdf="").exists()

    events, changes = AuditEvent.objects.count(), StatusChange.objects.count()
    again = run("--file", str(demo_file))
    assert "Demo casework: already done" in again
    assert AuditEvent.objects.count() == events
    assert StatusChange.objects.count() == changes


def test_without_demo_mode_the_casework_command_does_nothing(settings, demo_file):
    settings.WAAKHOND_DEMO = False
    out = StringIO()
    call_command("load_demo_casework", stdout=out)
    assert "Demo mode is off" in out.getvalue()
    assert not Decision.objects.exists()


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(demo_mode, demo_file):
    out = run("--file", str(demo_file), "--dry-run")
    assert "Demo casework: would look at 0 untouched demo complaints." in out
    assert not Complaint.objects.exists()
