"""Waakhond settings: one commented base, read from the environment with safe defaults.

Every setting lives here. `dev`, `test` and `production` only change what differs.
The embedded default needs no service at all: SQLite under `var/`, e-mail to the console,
tasks run at once after commit. `DATABASE_URL` selects PostgreSQL; `WAAKHOND_TASKS=database`
moves background work to the database-backed queue served by `make worker`.
"""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(os.environ.get("WAAKHOND_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------
# The secret key must come from the environment outside development (checked at start-up).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# Demo mode loads demo data and demo staff accounts; never on in production.
WAAKHOND_DEMO = env_bool("WAAKHOND_DEMO", False)
# The public address used in links sent by e-mail and returned by the API.
WAAKHOND_BASE_URL = os.environ.get("WAAKHOND_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The authority's name as it signs letters, per letter language (…_EN for English letters).
WAAKHOND_AUTHORITY_NAME = {
    "nl": os.environ.get("WAAKHOND_AUTHORITY_NAME", "Autoriteit Persoonsgegevens"),
    "en": os.environ.get(
        "WAAKHOND_AUTHORITY_NAME_EN",
        "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
    ),
}
# The postal address for objections by letter and in the letterhead, per letter language.
WAAKHOND_AUTHORITY_ADDRESS = {
    "nl": os.environ.get("WAAKHOND_AUTHORITY_ADDRESS", "Postbus 93374, 2509 AJ Den Haag"),
    "en": os.environ.get(
        "WAAKHOND_AUTHORITY_ADDRESS_EN", "PO Box 93374, 2509 AJ The Hague, the Netherlands"
    ),
}
# The authority's website printed in letters, per letter language.
WAAKHOND_AUTHORITY_WEBSITE = {
    "nl": os.environ.get("WAAKHOND_AUTHORITY_WEBSITE", "https://www.autoriteitpersoonsgegevens.nl"),
    "en": os.environ.get(
        "WAAKHOND_AUTHORITY_WEBSITE_EN", "https://www.autoriteitpersoonsgegevens.nl/en"
    ),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Our accounts app comes before two_factor so that its templates override the library's.
    "waakhond.accounts",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "waakhond.common",
    "waakhond.organisations",
    "waakhond.audit",
    "waakhond.intake",
    "waakhond.cases",
    "waakhond.portal",
    "waakhond.insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "waakhond.common.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "waakhond.common.context_processors.waakhond",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# SQLite under var/ by default; DATABASE_URL=postgres://... for PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'waakhond.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked (one "SELECT 1") before its first use in each request, so
        # a database restart costs no failed request.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the worker share the file safely.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "WAAKHOND_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("WAAKHOND_CACHE_LOCATION", "waakhond"),
    }
}

# --- Authentication ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "cases:queue"
LOGOUT_REDIRECT_URL = "intake:home"
# Staff must log in with a second factor; demo mode may relax this so the demo logins work.
WAAKHOND_REQUIRE_2FA = env_bool("WAAKHOND_REQUIRE_2FA", True)
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation: Dutch first, English second ---------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("WAAKHOND_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served publicly; attachments go through an access-checked view

# Attachments: limits per file and per complaint; types are checked by content.
WAAKHOND_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("WAAKHOND_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
)
WAAKHOND_ATTACHMENT_MAX_COUNT = int(os.environ.get("WAAKHOND_ATTACHMENT_MAX_COUNT", 10))
WAAKHOND_DESCRIPTION_MAX_CHARS = int(os.environ.get("WAAKHOND_DESCRIPTION_MAX_CHARS", 20000))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 25

# --- E-mail -----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Waakhond <noreply@waakhond.example>"
)

# --- Background tasks -------------------------------------------------------------------
# "immediate": run right after commit in the web process (embedded default).
# "database": queue in the database, run by `make worker` (production).
WAAKHOND_TASKS = os.environ.get("WAAKHOND_TASKS", "immediate")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if WAAKHOND_TASKS == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# Seconds a web process keeps its in-memory copy of the organisations register for matching
# filed complaints; 0 reads the register for every complaint (production: 300).
WAAKHOND_REGISTER_CACHE_SECONDS = int(os.environ.get("WAAKHOND_REGISTER_CACHE_SECONDS", "0"))

# --- Wiring between apps -------------------------------------------------------------
# Imports point downward (insights -> cases -> intake). Where a lower app must trigger or show
# something of a higher one, the connection is made here, at the project's composition root.
# Tasks enqueued (by dotted path, with the complaint id) after a complaint's triage is stored:
WAAKHOND_AFTER_TRIAGE_TASKS = ["waakhond.insights.tasks.index_complaint"]
# Templates included at the end of the staff complaint page (context: complaint, request):
WAAKHOND_COMPLAINT_PAGE_PANELS = ["insights/complaint_similar_panel.html"]

# --- API --------------------------------------------------------------------------------
# Rate limit of the public intake API per client address, in ninja's "N/unit" notation.
WAAKHOND_API_RATE = os.environ.get("WAAKHOND_API_RATE", "30/m")

# --- Retention --------------------------------------------------------------------------
# Years complainant data is kept after a case closes (the Dutch authority keeps it ten).
WAAKHOND_RETENTION_YEARS = int(os.environ.get("WAAKHOND_RETENTION_YEARS", "10"))
# Years per decision outcome, overriding the above, e.g. "tip_recorded=5,out_of_scope=5".
WAAKHOND_RETENTION_YEARS_BY_OUTCOME = {
    key.strip(): int(value)
    for key, _sep, value in (
        item.partition("=") for item in env_list("WAAKHOND_RETENTION_YEARS_BY_OUTCOME", "")
    )
}

# --- Security headers -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WAAKHOND_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
