"""Create a staff account: `waakhond manage create_staff_user NAME --role intake_officer`."""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from waakhond.accounts.roles import ROLES
from waakhond.accounts.services import staff_user_create
from waakhond.common.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Create a member of staff with one or more roles. The password is asked for, or read "
        "from the environment variable WAAKHOND_STAFF_PASSWORD with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            action="append",
            dest="roles",
            required=True,
            choices=sorted(ROLES),
            help="A role to give; repeat for more roles.",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="Also give access to the Django admin (for administrators).",
        )
        parser.add_argument("--no-input", action="store_true", dest="no_input")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the input, create nothing."
        )

    def handle(self, *args, username, roles, email, superuser, no_input, dry_run, **options):
        if no_input:
            password = os.environ.get("WAAKHOND_STAFF_PASSWORD", "")
            if not password:
                raise CommandError("Set WAAKHOND_STAFF_PASSWORD when using --no-input.")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        if dry_run:
            self.stdout.write(f"Dry run: would create {username} with roles {', '.join(roles)}.")
            return
        try:
            user = staff_user_create(username, password, roles, email=email, is_superuser=superuser)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Created {user.get_username()} with roles {', '.join(sorted(roles))}.")
