"""Apply the retention periods: `waakhond manage apply_retention [--dry-run] [--today DATE]`.

Anonymises every finished case whose retention period has ended (rules in
`waakhond.cases.retention`). Run daily; running twice does nothing new.
"""

import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from waakhond.cases.retention import BATCH_SIZE, retention_apply


class Command(BaseCommand):
    help = "Anonymise finished cases whose retention period has ended; --dry-run lists them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the cases that are due; change nothing."
        )
        parser.add_argument(
            "--today", help="Reference date YYYY-MM-DD (default: today in Europe/Amsterdam)."
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, dry_run=False, today=None, batch_size=BATCH_SIZE, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}.") from exc
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            run = retention_apply(today=day, dry_run=dry_run, batch_size=batch_size)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        for reference in run.references:
            self.stdout.write(reference)
        if dry_run:
            self.stdout.write(
                f"Dry run for {day.isoformat()}: would anonymise {run.anonymised} case(s) and "
                f"delete {run.deleted_files} file(s). Nothing was changed."
            )
        else:
            self.stdout.write(
                f"Retention run {run.pk} for {day.isoformat()}: anonymised {run.anonymised} "
                f"case(s), deleted {run.deleted_files} file(s)."
            )
