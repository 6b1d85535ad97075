"""Start-up checks with ids and hints (run by `manage.py check` and at server start)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if not settings.SECRET_KEY or len(settings.SECRET_KEY) < 32:
        return [
            Error(
                "DJANGO_SECRET_KEY is missing or too short.",
                hint="Set DJANGO_SECRET_KEY to a random string of at least 32 characters.",
                id="waakhond.E001",
            )
        ]
    return []


@register(Tags.security)
def check_demo_outside_debug(app_configs, **kwargs):
    if settings.WAAKHOND_DEMO and not settings.DEBUG:
        return [
            Warning(
                "Demo mode is on while DEBUG is off.",
                hint="Demo mode creates staff accounts with printed passwords; unset WAAKHOND_DEMO.",
                id="waakhond.W001",
            )
        ]
    return []
