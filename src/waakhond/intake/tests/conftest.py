"""Fixtures of the intake tests: a stand-in for the triage engine, a fresh rate limit."""

import sys
import types

import pytest

from django.core.cache import cache

from .factories import triage_result


@pytest.fixture
def triage_adapter(monkeypatch):
    """The module `tasks.triage_complaint` calls, importable even before the engine exists.

    Tests set `triage_adapter.triage_complaint_now` to what they need.
    """
    try:
        from waakhond.intake import triage_adapter as module
    except ImportError:  # the engine is not there yet: stand in for the adapter module
        module = types.ModuleType("waakhond.intake.triage_adapter")
        monkeypatch.setitem(sys.modules, "waakhond.intake.triage_adapter", module)
        import waakhond.intake

        monkeypatch.setattr(waakhond.intake, "triage_adapter", module, raising=False)
    monkeypatch.setattr(
        module, "triage_complaint_now", lambda complaint: triage_result(), raising=False
    )
    return module


@pytest.fixture
def failing_triage(triage_adapter, monkeypatch):
    def explode(complaint):
        raise RuntimeError("triage engine down")

    monkeypatch.setattr(triage_adapter, "triage_complaint_now", explode)
    return triage_adapter


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The API rate limit counts in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()
