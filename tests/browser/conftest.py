"""Real-browser tests: Debian's Chromium driven by Playwright, checked with axe-core.

They skip, saying why, only where Chromium or axe-core is missing; CI installs both.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connections

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Without these, Chromium reaches for Google's services that this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told the tests know what they are doing.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed rows; restore the migrations' rows (root
            # page, permission groups, standard lists) after each flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def browser(live_server):
    """A Chromium per test, started after the test database is ready and stopped before
    it is flushed: while Playwright's event loop runs, Django looks up a different
    connection object, and a serialized rollback would silently restore nothing."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Queries the test made while the loop ran went through that other connection;
        # close it here, or PostgreSQL cannot drop the test database at the end.
        connections.close_all()


@pytest.fixture
def browser_page(browser):
    """A fresh phone-sized page, as many residents see the site."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def add_axe(page):
    """Load axe-core into the page as a file from the page's own site: the site's Content
    Security Policy refuses inline scripts, which is how Playwright injects a local file."""
    parts = urlsplit(page.url)
    if parts.scheme not in ("http", "https"):
        page.add_script_tag(path=str(AXE_JS))
        return
    url = f"{parts.scheme}://{parts.netloc}/__tests__/axe.min.js"
    page.route(url, lambda route: route.fulfill(path=str(AXE_JS)))
    page.add_script_tag(url=url)


def axe_violations(page):
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not found at {AXE_JS}: run npm install")
    add_axe(page)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    summary = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in violations
    ]
    assert violations == [], json.dumps(summary, indent=2)
