from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "waakhond.organisations"
    label = "organisations"
