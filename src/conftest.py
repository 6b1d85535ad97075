"""Shared test fixtures: a real Chromium through Playwright, and an accessibility check."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("WAAKHOND_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; tests that need it are marked `browser`."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package.")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (not the live server) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; return serious and critical findings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


@pytest.fixture
def axe():
    return axe_violations


# Data migrations whose rows tests rely on: the staff role groups and the default letter
# templates. Every seed function is idempotent.
_SEEDS = (
    ("waakhond.accounts.migrations.0001_create_role_groups", "create_groups"),
    ("waakhond.cases.migrations.0002_seed_letter_templates", "seed_letter_templates"),
    (
        "waakhond.cases.migrations.0005_seed_objection_deferral_letter",
        "seed_objection_deferral_letter",
    ),
)
_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Put back what the data migrations made before each test that uses the database.

    A transactional test (the browser tests with a live server) ends with a flush that empties
    every table, so a later test would find no roles and no letter templates. Restoring a
    serialised copy does not help once Playwright runs, so the seeds are simply run again.
    """
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & _DB_FIXTURES:
        return
    transactional = bool(
        (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or names & {"transactional_db", "live_server", "django_db_reset_sequences"}
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    import importlib

    from django.apps import apps

    for module, function in _SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _dutch_first():
    """Every test starts in the default language, whatever an earlier test activated."""
    from django.conf import settings

    if not settings.configured:  # the pure triage tests run without Django
        yield
        return
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
