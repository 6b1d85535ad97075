from django.core.management.base import BaseCommand

from waakhond.organisations.services import organisations_load_register


class Command(BaseCommand):
    help = "Load or refresh the organisations register (municipalities and public bodies)."

    def handle(self, *args, **options):
        count = organisations_load_register()
        self.stdout.write(f"Register loaded: {count} organisations.")
