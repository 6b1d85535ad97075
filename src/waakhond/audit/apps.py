from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "waakhond.audit"
    label = "audit"
