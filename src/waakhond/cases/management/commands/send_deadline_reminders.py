"""Remind handlers of deadlines at risk or overdue, and of quick-intervention follow-up dates
that have arrived; run daily (cron, systemd timer)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from waakhond.cases.services.reminders import deadline_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail a reminder for every case deadline at risk or overdue (once per deadline and "
        "status) and for every quick-intervention follow-up date that has arrived."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the reminders; send and record nothing."
        )
        parser.add_argument(
            "--today", help="Reference date YYYY-MM-DD (default: today in Europe/Amsterdam)."
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}.") from exc
        reminders = deadline_reminders_send(today=day, dry_run=dry_run)
        for reminder in reminders:
            self.stdout.write(
                f"{reminder.reference}  {reminder.status:8}  {reminder.due.isoformat()}  "
                f"{reminder.key}  -> {len(reminder.recipients)} recipient(s)"
            )
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"{len(reminders)} reminder(s) {verb}.")
