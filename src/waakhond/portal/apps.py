from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "waakhond.portal"
    label = "portal"
