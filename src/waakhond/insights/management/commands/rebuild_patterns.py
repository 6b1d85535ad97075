"""Recompute all patterns and their figures from the index, and raise due signals.

    waakhond manage rebuild_patterns
    waakhond manage rebuild_patterns --dry-run   # count what is indexed, change nothing

Run it nightly: the "last 90 days" figures of patterns nobody added to today move with time.
"""

import time

from django.core.management.base import BaseCommand

from waakhond.insights.models import ComplaintIndex, Pattern
from waakhond.insights.services import patterns_rebuild


class Command(BaseCommand):
    help = "Rebuild all patterns across complaints."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing; print the current counts."
        )

    def handle(self, *args, **options):
        if options["dry_run"]:
            self.stdout.write(
                f"{ComplaintIndex.objects.count()} indexed complaints, {Pattern.objects.count()} patterns"
            )
            return
        started = time.perf_counter()
        report = patterns_rebuild()
        self.stdout.write(
            f"{report.patterns} patterns, {report.memberships} memberships, {report.signals_raised} signals "
            f"raised in {time.perf_counter() - started:.1f} s"
        )
