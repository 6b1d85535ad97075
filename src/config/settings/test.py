"""Tests: the database comes from DATABASE_URL (SQLite by default), a non-UTC zone, fast hashing."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
WAAKHOND_DEMO = False
WAAKHOND_REQUIRE_2FA = False
TIME_ZONE = "Europe/Amsterdam"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="waakhond-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)  # uploads made by the tests go too
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAAKHOND_API_RATE = os.environ.get("WAAKHOND_API_RATE", "10000/m")
