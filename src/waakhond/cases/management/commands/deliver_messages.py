"""Deliver queued e-mail and retry failed deliveries that are due."""

from django.core.management.base import BaseCommand

from waakhond.cases.models import OutgoingMessage
from waakhond.cases.services.messages import messages_deliver_due, messages_due


class Command(BaseCommand):
    help = "Deliver queued messages and retry failed ones whose next attempt is due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the messages that are due; send nothing."
        )
        parser.add_argument(
            "--limit", type=int, default=200, help="At most this many messages (default 200)."
        )

    def handle(self, *args, dry_run=False, limit=200, **options):
        if dry_run:
            ids = messages_due(limit=limit)
            for message in OutgoingMessage.objects.filter(pk__in=ids).order_by("id"):
                self.stdout.write(
                    f"#{message.pk}  {message.status:7}  attempts={message.attempts}  {message.subject}"
                )
            self.stdout.write(f"{len(ids)} message(s) due.")
            return
        counts = messages_deliver_due(limit=limit)
        summary = (
            ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
            or "nothing due"
        )
        self.stdout.write(f"Delivered: {summary}.")
