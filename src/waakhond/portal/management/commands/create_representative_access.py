"""Give a representative body (GDPR Art. 80) a private link to the complaints it filed.

    waakhond manage create_representative_access --name "FNV" --email klachten@fnv.example

Prints the link once; only its hash is stored. Send it to the body through a channel you trust.
`--dry-run` shows which complaints the link would open, without creating it.
"""

from django.core.management.base import BaseCommand, CommandError

from waakhond.common.errors import ApplicationError
from waakhond.portal.models import RepresentativeAccess
from waakhond.portal.selectors import representative_complaints
from waakhond.portal.services import representative_access_create, representative_link


class Command(BaseCommand):
    help = "Create a private link for a representative body to follow the complaints it filed."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Name of the body, e.g. FNV.")
        parser.add_argument(
            "--email", required=True, help="The e-mail address the body files complaints with."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show, create nothing.")

    def handle(self, *args, name: str, email: str, dry_run: bool, **options):
        # The same rule the link applies, on an unsaved access with this address.
        count = representative_complaints(
            RepresentativeAccess(name=name, email=email.strip())
        ).count()
        if dry_run:
            self.stdout.write(
                f"Would create a link for {name} <{email}>; it opens {count} complaint(s) now."
            )
            return
        try:
            access, token = representative_access_create(name=name, email=email)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Link for {access.name} <{access.email}> ({count} complaint(s) now):")
        self.stdout.write(representative_link(token))
        self.stdout.write("The link is shown only now. Send it through a channel you trust.")
