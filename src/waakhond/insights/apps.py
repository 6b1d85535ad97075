from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "waakhond.insights"
    label = "insights"
