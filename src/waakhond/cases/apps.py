from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "waakhond.cases"
    label = "cases"
