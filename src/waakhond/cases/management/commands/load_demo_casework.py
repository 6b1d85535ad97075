"""`waakhond manage load_demo_casework`: the demo team takes the demo queue through handling.

Run by `load_demo` after the demo complaints are filed and triaged and the demo accounts exist
(it lives here because case handling sits above the intake). Demo mode only; idempotent: only
complaints still as triage left them are handled (see `waakhond.cases.demo`).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from waakhond.cases.demo import demo_casework_run, untouched_demo_complaints


class Command(BaseCommand):
    help = (
        "Demo mode only: take the older demo complaints through realistic case handling "
        "(assignment, lanes, letters, decisions, objections), once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many complaints would be handled."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        if not settings.WAAKHOND_DEMO:
            self.stdout.write("Demo mode is off (WAAKHOND_DEMO): no demo casework is done.")
            return
        if dry_run:
            count = untouched_demo_complaints().count()
            self.stdout.write(f"Demo casework: would look at {count} untouched demo complaints.")
            return
        summary = demo_casework_run(progress=self.stdout.write)
        for line in summary.lines():
            self.stdout.write(line)
