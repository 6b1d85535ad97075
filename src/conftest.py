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
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


@pytest.fixture
def axe():
    return axe_violations
