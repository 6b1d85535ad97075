"""`waakhond manage load_demo`: the register always; in demo mode also demo staff and complaints.

Run by `make run` on every start, so everything here is idempotent: the register is refreshed,
the demo accounts are created once (their passwords are kept in `var/demo_logins.txt` and
printed every time), and the demo complaints are loaded once. Each demo complaint is filed
through `complaint_create` and triaged in the same transaction, so the queue is complete when
the server starts. Then the demo team takes the older complaints through case handling
(`load_demo_casework`, in the cases app), also once. Outside demo mode no account is ever
created here.
"""

import hashlib
import json
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from waakhond.accounts.services import demo_accounts_ensure
from waakhond.intake import services as intake_services
from waakhond.intake.models import Channel, Complaint, Representative
from waakhond.intake.services import ComplaintSubmission, complaint_create
from waakhond.organisations.services import organisations_load_register

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "complaints.jsonl"
LOGINS_FILE_NAME = "demo_logins.txt"
CASEWORK_COMMAND = "load_demo_casework"


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _bool(data: dict, key: str) -> bool | None:
    value = data.get(key)
    return value if isinstance(value, bool) else None


def _date(data: dict, key: str) -> date | None:
    value = data.get(key)
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def demo_submission(data: dict) -> ComplaintSubmission:
    """One line of the demo file as a submission; unknown keys are ignored."""
    representative = _text(data, "representative") or Representative.SELF
    if representative not in Representative.values:
        representative = Representative.SELF
    representative_body = _text(data, "representative_body")
    if representative_body:
        representative = Representative.REPRESENTATIVE_BODY
    return ComplaintSubmission(
        description=_text(data, "description"),
        organisation_name=_text(data, "organisation_name"),
        complainant_name=_text(data, "complainant_name"),
        complainant_email=_text(data, "complainant_email"),
        complainant_phone=_text(data, "complainant_phone"),
        complainant_address=_text(data, "complainant_address"),
        language=_text(data, "language") or "nl",
        representative=representative,
        represented_person=_text(data, "represented_person"),
        representative_body=representative_body,
        started_on=_date(data, "started_on"),
        ongoing=_bool(data, "ongoing"),
        data_concerned=_text(data, "data_concerned"),
        contacted_organisation=_bool(data, "contacted_organisation"),
        contacted_on=_date(data, "contacted_on"),
        organisation_response=_text(data, "organisation_response"),
        desired_outcome=_text(data, "desired_outcome"),
    )


def read_demo_file(path: Path) -> tuple[list[tuple[str, dict]], list[str]]:
    """The demo lines as (submission key, data), and a message per line that was skipped."""
    lines: list[tuple[str, dict]] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(data, dict) or not _text(data, "description"):
            problems.append(f"line {number}: no description")
            continue
        key = "demo-" + hashlib.sha256(line.encode()).hexdigest()[:40]
        lines.append((key, data))
    return lines, problems


def _triage_now(complaint_id: int) -> None:
    """Triage synchronously inside the caller's transaction; a failure leaves the complaint
    "not yet triaged" (recorded, and retried by `triage_pending`), never unfiled."""
    from waakhond.intake.tasks import triage_complaint

    try:
        triage_complaint.call(complaint_id)
    except Exception as exc:  # e.g. the engine cannot be imported: keep the complaint
        intake_services.complaint_record_triage_failure(complaint_id=complaint_id, error=repr(exc))


def demo_complaints_load(path: Path, *, now=None) -> tuple[int, list[str]]:
    """File and triage the demo complaints not yet loaded; returns (how many new, problems)."""
    now = now or timezone.now()
    lines, problems = read_demo_file(path)
    loaded_keys = set(
        Complaint.objects.filter(channel=Channel.DEMO).values_list("submission_key", flat=True)
    )
    created = 0
    for key, data in lines:
        if key in loaded_keys:
            continue
        try:
            days_ago = max(0, int(data.get("received_days_ago") or 0))
        except (TypeError, ValueError):
            days_ago = 0
        # One transaction per complaint: filed and triaged together, or not at all.
        with transaction.atomic():
            filed = complaint_create(
                submission=demo_submission(data),
                channel=Channel.DEMO,
                submission_key=key,
                received_at=now - timedelta(days=days_ago),
            )
            if not filed.duplicate_submit:
                _triage_now(filed.complaint.pk)
                created += 1
    return created, problems


def demo_summary() -> Counter:
    counts: Counter = Counter()
    for band in Complaint.objects.filter(channel=Channel.DEMO).values_list("band", flat=True):
        counts[band or "none"] += 1
    return counts


class Command(BaseCommand):
    help = (
        "Load the organisations register; in demo mode (WAAKHOND_DEMO) also create the demo "
        "staff accounts and load and triage the demo complaints, once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=DEMO_FILE, help="The demo complaints (JSONL)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        out = self.stdout
        if dry_run:
            out.write("Dry run: nothing is changed.")
            out.write("Would load the organisations register.")
        else:
            out.write(f"Organisations register: {organisations_load_register()} organisations.")

        if not settings.WAAKHOND_DEMO:
            out.write(
                "Demo mode is off (WAAKHOND_DEMO): no demo accounts or demo complaints are made.\n"
                "Create staff accounts with:\n"
                "  waakhond manage create_staff_user USERNAME --role intake_officer"
            )
            return

        logins_file = Path(settings.VAR_DIR) / LOGINS_FILE_NAME
        self._complaints(file, dry_run=dry_run)
        logins = demo_accounts_ensure(logins_file=logins_file, dry_run=dry_run)
        self._casework(dry_run=dry_run)
        self._print_logins(logins, dry_run=dry_run)

    def _casework(self, *, dry_run: bool) -> None:
        """The demo team at work: case handling is a layer above the intake, so its command is
        run by name (`load_demo_casework`, in the cases app) rather than imported."""
        if CASEWORK_COMMAND not in get_commands():
            return
        args = ["--dry-run"] if dry_run else []
        call_command(CASEWORK_COMMAND, *args, stdout=self.stdout, stderr=self.stderr)

    def _complaints(self, path: Path, *, dry_run: bool) -> None:
        out = self.stdout
        if not path.exists():
            if path != DEMO_FILE:
                raise CommandError(f"Demo file not found: {path}")
            out.write("No demo complaints file yet; skipping the demo complaints.")
            return
        if dry_run:
            lines, problems = read_demo_file(path)
            existing = Complaint.objects.filter(channel=Channel.DEMO).count()
            out.write(
                f"Would load {len(lines)} demo complaints ({existing} demo complaints exist)."
            )
            for problem in problems:
                self.stderr.write(f"Skipped {problem}")
            return
        started = time.monotonic()
        created, problems = demo_complaints_load(path)
        for problem in problems:
            self.stderr.write(f"Skipped {problem}")
        counts = demo_summary()
        by_band = (
            f"high {counts['high']}, medium {counts['medium']}, low {counts['low']}, "
            f"not yet triaged {counts['none']}"
        )
        total = sum(counts.values())
        if created:
            out.write(
                f"Demo complaints: {created} filed and triaged in {time.monotonic() - started:.1f} s; "
                f"{total} in all ({by_band})."
            )
        else:
            out.write(f"Demo complaints: already loaded, {total} in all ({by_band}).")

    def _print_logins(self, logins, *, dry_run: bool) -> None:
        out = self.stdout
        base = settings.WAAKHOND_BASE_URL
        out.write("")
        out.write(f"Waakhond: {base}/")
        out.write(
            f"Back office: {base}{reverse('cases:queue')} (log in at {base}{reverse('two_factor:login')})"
        )
        if dry_run:
            missing = [login.username for login in logins if login.created]
            out.write(f"Would create demo accounts: {', '.join(missing) or 'none'}.")
            return
        out.write("Demo logins (demo mode only):")
        width = max(len(login.username) for login in logins)
        for login in logins:
            out.write(f"  {login.username.ljust(width)}  {login.password}  ({login.role})")
