"""Make a bearer token for the patterns API (`GET /api/v1/patterns`).

    waakhond manage create_api_token --user teamlead --name "sector dashboard"

The token is printed once; only its hash is stored. The user must be a team lead or auditor.
Use it as `Authorization: Bearer <token>`.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from waakhond.common.errors import ApplicationError
from waakhond.insights.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for the patterns API and print it once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--user", required=True, help="Username of the staff member the token acts for."
        )
        parser.add_argument(
            "--name", required=True, help="What the token is for, to recognise it later."
        )

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}.")
        try:
            api_token, token = api_token_create(user=user, name=options["name"])
        except ApplicationError as exc:
            raise CommandError(
                f"{options['user']} may not use the patterns API (team lead or auditor only)."
            ) from exc
        self.stdout.write(token)
        self.stderr.write(
            f"Token {api_token.prefix}… created for {user.get_username()}; it is not shown again."
        )
