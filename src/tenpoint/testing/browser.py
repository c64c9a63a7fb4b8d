"""Playwright in Debian's chromium, for the browser tests of every app.

Playwright cannot download its own browsers here, so it drives the system chromium through
its executable path (``make test`` installs Debian's package where it is missing). Where none
exists the tests are skipped with the reason -- or fail, where ``TENPOINT_REQUIRE_BROWSER`` is set
(``.ci/run``): there a skipped browser test would pass CI without having run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import NoReturn

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
REQUIRE_BROWSER = "TENPOINT_REQUIRE_BROWSER"


def chromium_path() -> str | None:
    configured = os.environ.get("TENPOINT_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


def without_browser(reason: str) -> NoReturn:
    """Skip the browser test, saying why; fail it where a browser is required."""
    if os.environ.get(REQUIRE_BROWSER, "").strip() not in ("", "0"):
        pytest.fail(f"{reason}; {REQUIRE_BROWSER} is set, so the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        without_browser("no chromium on this machine (install Debian's `chromium` package to run browser tests)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        without_browser("playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # inside one unless told this is deliberate (the live server runs in its own thread).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium: object) -> Iterator[object]:
    context = chromium.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def log_in(page: object, live_server_url: str, username: str, password: str) -> None:
    page.goto(f"{live_server_url}/accounts/login/")  # type: ignore[attr-defined]
    page.fill("#id_username", username)  # type: ignore[attr-defined]
    page.fill("#id_password", password)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
