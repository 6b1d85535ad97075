"""Check the audit log's hash chain: `waakhond manage verify_audit_chain`.

Exit code 0 when the chain is intact, 1 when an event was changed or removed outside the
application; the first broken event's id is printed. Safe to run at any time (it only reads).
"""

from django.core.management.base import BaseCommand, CommandError

from waakhond.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit code 1 and the first broken id when broken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Events read from the database at a time."
        )

    def handle(self, *args, batch_size, **options):
        report = audit_chain_verify(batch_size=batch_size)
        if not report.intact:
            raise CommandError(
                f"Audit chain broken at event {report.first_broken_id} "
                f"({report.checked} events before it are intact).",
                returncode=1,
            )
        self.stdout.write(f"Audit chain intact: {report.checked} events checked.")
