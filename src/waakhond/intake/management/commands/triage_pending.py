"""Queue triage again for complaints that are not yet triaged (pending or failed).

Triage runs after commit; when it failed, or the worker was down, the complaint waits as "not
yet triaged". This command finds those (fewer than the maximum attempts) and queues them again.
With the immediate task backend they are triaged at once.
"""

from django.core.management.base import BaseCommand

from waakhond.intake.models import Complaint
from waakhond.intake.tasks import MAX_TRIAGE_ATTEMPTS, pending_triage_ids, triage_complaint


class Command(BaseCommand):
    help = "Queue triage again for complaints whose triage is pending or failed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be queued; change nothing."
        )
        parser.add_argument(
            "--limit", type=int, default=500, help="At most this many complaints (default 500)."
        )

    def handle(self, *args, dry_run: bool = False, limit: int = 500, **options):
        ids = pending_triage_ids(limit=limit)
        references = dict(Complaint.objects.filter(pk__in=ids).values_list("pk", "reference"))
        for complaint_id in ids:
            label = references.get(complaint_id) or f"#{complaint_id}"
            if dry_run:
                self.stdout.write(f"would queue {label}")
                continue
            result = triage_complaint.enqueue(complaint_id)
            outcome = getattr(result, "return_value", None) if result.is_finished else "queued"
            self.stdout.write(f"{label}: {outcome}")
        verb = "would queue" if dry_run else "queued"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(ids)} complaint(s) for triage (at most {MAX_TRIAGE_ATTEMPTS} attempts each)."
            )
        )
