"""Production: everything from the environment; start-up checks refuse unsafe values."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
WAAKHOND_DEMO = False
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))

# Serving: database connections are kept and health-checked (base); templates are compiled once
# per process, because with no explicit `loaders` Django wraps them in its cached loader; filed
# complaints are matched against an in-memory copy of the organisations register.
WAAKHOND_REGISTER_CACHE_SECONDS = int(os.environ.get("WAAKHOND_REGISTER_CACHE_SECONDS", "300"))
