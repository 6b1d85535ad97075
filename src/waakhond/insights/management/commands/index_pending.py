"""Index every complaint the insights index does not reflect yet (idempotent catch-up).

waakhond manage index_pending            # new, re-triaged or older-version complaints
waakhond manage index_pending --all      # rebuild the whole index in one pass, then patterns
waakhond manage index_pending --dry-run  # only say how many are pending
"""

import time

from django.core.management.base import BaseCommand

from waakhond.insights.services import (
    insights_index_all,
    insights_index_pending,
    patterns_rebuild,
    pending_complaint_ids,
)


class Command(BaseCommand):
    help = "Index complaints for duplicates, similar complaints and patterns."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Rebuild the whole index, then all patterns."
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="Index at most this many complaints."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the pending complaints."
        )

    def handle(self, *args, **options):
        if options["dry_run"]:
            self.stdout.write(f"{len(pending_complaint_ids(options['limit']))} complaints pending")
            return
        started = time.perf_counter()
        if options["all"]:
            report = insights_index_all()
            rebuilt = patterns_rebuild()
            self.stdout.write(
                f"indexed {report.indexed} complaints, {rebuilt.patterns} patterns, "
                f"{rebuilt.signals_raised} signals raised in {time.perf_counter() - started:.1f} s"
            )
            return
        report = insights_index_pending(limit=options["limit"])
        self.stdout.write(
            f"indexed {report.indexed} complaints, {report.failed} failed, in {time.perf_counter() - started:.1f} s"
        )
