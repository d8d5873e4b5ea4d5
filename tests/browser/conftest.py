"""Shared fixtures of the real-browser tests: Debian's Chromium driven by Playwright against
the live test server, with the 2019 archive loaded.

Select them with `pytest -m browser`, leave them out with `pytest -m "not browser"`. Without
/usr/bin/chromium every test here is skipped, with a message that says so.
"""

import signal
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, sync_playwright

from alliance.content import load_content

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
NO_CHROMIUM = f"no Chromium at {CHROMIUM}: the browser tests need Debian's chromium package"
# Every step waits at most this long, and a whole test at most TEST_TIMEOUT_S: generous for a
# slow machine, bounded for a hung page.
STEP_TIMEOUT_MS = 15_000
NAVIGATION_TIMEOUT_MS = 30_000
TEST_TIMEOUT_S = 180
HERE = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives the site in a real browser (Chromium at /usr/bin/chromium)"
    )


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the whole folder.

    Package-scoped rather than session-scoped on purpose: while Playwright's sync API runs, the
    main thread has a running event loop, so Django refuses the ORM (hence
    DJANGO_ALLOW_ASYNC_UNSAFE, for these tests only) and another sync_playwright() refuses to
    start. Closing it when the folder is done keeps the rest of the suite as it would be alone.
    """
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def time_limit():
    """Ends a test that runs longer than TEST_TIMEOUT_S with an error, not a hung suite."""

    def expire(signum, frame):
        raise TimeoutError(f"the test ran for more than {TEST_TIMEOUT_S} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(TEST_TIMEOUT_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def archive(live_server, transactional_db):
    """The real 2019 archive in the live server's database; the live server's address."""
    load_content()
    return live_server


@dataclass
class Window:
    """A tab of its own (own cookies, so a fresh one is logged out) and what it noticed: errors
    in the console or uncaught in scripts, and requests to any other host than the site."""

    page: Page
    console_errors: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)

    def assert_self_contained(self, ignore=None):
        """No console error (but those that mention `ignore`), no request to another host."""
        errors = [error for error in self.console_errors if not ignore or ignore not in error]
        assert not errors, errors
        assert not self.foreign_requests, self.foreign_requests


@pytest.fixture
def open_window(browser, live_server):
    """Opens a new window on the live server, in a Chinese-speaking reader's browser."""
    contexts = []
    site_host = urlsplit(live_server.url).netloc

    def open_window(**options):
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            viewport={"width": 1280, "height": 900},
            **options,
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        contexts.append(context)
        window = Window(context.new_page())

        def on_console(message):
            if message.type == "error":
                window.console_errors.append(f"{message.text} ({message.location['url']})")

        def on_request(request):
            if urlsplit(request.url).netloc not in ("", site_host):
                window.foreign_requests.append(request.url)

        window.page.on("console", on_console)
        window.page.on("pageerror", lambda error: window.console_errors.append(str(error)))
        window.page.on("request", on_request)
        return window

    yield open_window
    for context in contexts:
        context.close()
