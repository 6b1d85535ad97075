"""Production: everything from the environment; start-up checks refuse unsafe values."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
WAAKHOND_DEMO = False
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(__import__("os").environ.get("DJANGO_HSTS_SECONDS", "0"))
