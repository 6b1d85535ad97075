from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "waakhond.intake"
    label = "intake"
