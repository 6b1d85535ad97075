"""Fixtures of the portal tests: quick PDFs, a fresh rate limit, a clean mailbox."""

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def fast_pdf(request, monkeypatch):
    """WeasyPrint takes about a second a letter; most tests only need PDF-like bytes. The
    browser test renders real PDFs."""
    if request.node.get_closest_marker("browser"):
        return
    monkeypatch.setattr(
        "waakhond.cases.letters.html_to_pdf", lambda html: b"%PDF-1.7\n% test\n%%EOF\n"
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Attempts to open a link are counted in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


# Data migrations whose rows the browser tests need: the staff role groups and the default
# letter templates. Both seed functions are idempotent.
_SEEDS = (
    ("waakhond.accounts.migrations.0001_create_role_groups", "create_groups"),
    ("waakhond.cases.migrations.0002_seed_letter_templates", "seed_letter_templates"),
)


@pytest.fixture
def seeded(transactional_db):
    """Put back what the data migrations made. A transactional test (the browser tests) ends
    with a flush that empties every table, so a later one would find no roles and no letter
    templates; restoring a serialised copy does not help once Playwright runs the test in
    another context, where the database connection is a different object."""
    import importlib

    from django.apps import apps

    for module, function in _SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
