"""Revoke a complainant's status link, or issue a new one (which also revokes the old one).

    waakhond manage status_link --reference WH-2026-000123 --by teamleider --revoke
    waakhond manage status_link --reference WH-2026-000123 --by teamleider --new

`--by` names the member of staff who acts (an intake officer, the handler of the case or a team
lead); the change is logged under that name. A new link is e-mailed to the complainant and is
not printed. `--dry-run` says what would happen.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from waakhond.common.errors import ApplicationError
from waakhond.intake.models import Complaint
from waakhond.portal.services import portal_issue_new_link, portal_revoke_link


class Command(BaseCommand):
    help = "Revoke a complainant's status link or e-mail them a new one."

    def add_arguments(self, parser):
        parser.add_argument("--reference", required=True)
        parser.add_argument("--by", required=True, help="Username of the member of staff.")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--revoke", action="store_true", help="Turn the link off.")
        action.add_argument("--new", action="store_true", help="E-mail a new link.")
        parser.add_argument("--dry-run", action="store_true", help="Show, change nothing.")

    def handle(self, *args, reference, by, revoke, new, dry_run, **options):
        complaint = Complaint.objects.filter(reference=reference).first()
        if complaint is None:
            raise CommandError(f"No complaint {reference}.")
        actor = get_user_model().objects.filter(username=by, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {by}.")
        what = "revoke the status link of" if revoke else "e-mail a new status link for"
        if dry_run:
            self.stdout.write(f"Would {what} {reference} as {by}.")
            return
        try:
            if revoke:
                portal_revoke_link(complaint=complaint, actor=actor)
                self.stdout.write(f"The status link of {reference} no longer works.")
            else:
                portal_issue_new_link(complaint=complaint, actor=actor)
                self.stdout.write(
                    f"A new status link for {reference} was e-mailed to the complainant."
                )
        except ApplicationError as error:
            raise CommandError(error.message) from error
