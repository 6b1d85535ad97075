"""The demo loader: register, demo accounts and demo complaints, once; nothing without demo mode."""

import json
import sys
import types
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from waakhond.intake.models import Channel, Complaint, TriageRecord, TriageStatus
from waakhond.organisations.models import Organisation

from .factories import triage_result

pytestmark = pytest.mark.django_db

DEMO_LINES = [
    {
        "description": "De gemeente filmt al zeven jaar alle gesprekken met mensen in de bijstand.",
        "organisation_name": "Gemeente Dronten",
        "complainant_name": "A. de Vries",
        "complainant_email": "a.devries@example.org",
        "complainant_phone": "",
        "complainant_address": "Dorpsstraat 1, Dronten",
        "representative": "representative_body",
        "representative_body": "FNV",
        "started_on": "2014-01-01",
        "ongoing": True,
        "contacted_organisation": True,
        "contacted_on": "2021-03-01",
        "organisation_response": "Geen antwoord.",
        "data_concerned": "Beeld en geluid",
        "desired_outcome": "Dat het stopt.",
        "language": "nl",
        "received_days_ago": 3,
    },
    {
        "description": "My access request to a webshop was never answered.",
        "organisation_name": "Webshop BV",
        "complainant_name": "B. Smith",
        "complainant_email": "b.smith@example.org",
        "started_on": None,
        "ongoing": None,
        "contacted_organisation": False,
        "language": "en",
        "received_days_ago": 10,
    },
    {
        "description": "Een nieuwsbrief na afmelden.",
        "organisation_name": "Winkel",
        "complainant_name": "C. Jansen",
        "complainant_email": "c@example.org",
        "received_days_ago": 0,
        "some_unknown_key": "ignored",
    },
]


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "complaints.jsonl"
    lines = [json.dumps(line) for line in DEMO_LINES] + [
        "",
        "{not json",
        json.dumps({"description": ""}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def fake_engine(monkeypatch):
    """A stand-in for the triage engine: high for the welfare case, low otherwise."""
    module = types.ModuleType("waakhond.intake.triage_adapter")

    def triage_complaint_now(complaint):
        band = "high" if "bijstand" in complaint.description else "low"
        return triage_result(band, text=complaint.description)

    module.triage_complaint_now = triage_complaint_now
    monkeypatch.setitem(sys.modules, "waakhond.intake.triage_adapter", module)


@pytest.fixture
def demo_mode(settings, tmp_path):
    settings.WAAKHOND_DEMO = True
    settings.VAR_DIR = tmp_path / "var"
    return settings


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_demo_mode_loads_everything_once(demo_mode, demo_file, fake_engine):
    out, err = run("--file", str(demo_file))
    assert Organisation.objects.count() > 300
    complaints = Complaint.objects.filter(channel=Channel.DEMO)
    assert complaints.count() == 3
    assert all(c.triage_status == TriageStatus.DONE for c in complaints)
    assert "3 filed and triaged" in out
    assert "high 1, medium 0, low 2, not yet triaged 0" in out
    assert "Skipped line" in err  # the broken lines are named, not fatal
    # The logins and the address are printed.
    assert "/staff/" in out
    for username in ("intake", "behandelaar", "teamleider", "auditor", "beheerder"):
        assert f"  {username}" in out
    dronten = complaints.get(organisation_name="Gemeente Dronten")
    assert dronten.representative == "representative_body"
    assert dronten.representative_body == "FNV"
    assert dronten.started_on.isoformat() == "2014-01-01"
    assert dronten.ongoing is True
    assert (dronten.created_at - dronten.received_at).days == 3
    assert dronten.band == "high"

    # A second run (the next `make run`) adds nothing and prints the same logins.
    again, _ = run("--file", str(demo_file))
    assert Complaint.objects.count() == 3
    assert TriageRecord.objects.count() == 3
    assert get_user_model().objects.count() == 5
    assert "already loaded, 3 in all" in again
    logins = (demo_mode.VAR_DIR / "demo_logins.txt").read_text()
    for line in logins.splitlines()[1:]:
        username, password = line.split()
        assert f"{password}  (" in again  # the same passwords, shown again
        assert get_user_model().objects.get(username=username).check_password(password)


def test_a_complaint_whose_triage_fails_is_kept_as_not_yet_triaged(
    demo_mode, demo_file, monkeypatch
):
    module = types.ModuleType("waakhond.intake.triage_adapter")

    def broken(complaint):
        raise RuntimeError("engine down")

    module.triage_complaint_now = broken
    monkeypatch.setitem(sys.modules, "waakhond.intake.triage_adapter", module)
    out, _ = run("--file", str(demo_file))
    assert Complaint.objects.filter(triage_status=TriageStatus.FAILED).count() == 3
    assert "not yet triaged 3" in out


def test_without_demo_mode_no_accounts_and_no_complaints(settings, demo_file, tmp_path):
    settings.WAAKHOND_DEMO = False
    settings.VAR_DIR = tmp_path
    out, _ = run("--file", str(demo_file))
    assert Organisation.objects.exists()
    assert not get_user_model().objects.exists()
    assert not Complaint.objects.exists()
    assert "waakhond manage create_staff_user" in out
    assert not (tmp_path / "demo_logins.txt").exists()


def test_a_dry_run_changes_nothing(demo_mode, demo_file):
    out, _ = run("--file", str(demo_file), "--dry-run")
    assert not Organisation.objects.exists()
    assert not Complaint.objects.exists()
    assert not get_user_model().objects.exists()
    assert "Would load 3 demo complaints" in out
    assert "intake" in out


def test_demo_complaints_send_no_acknowledgement(
    demo_mode, demo_file, fake_engine, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run("--file", str(demo_file))
    assert callbacks == []
    assert mailoutbox == []
