"""Without a browser the browser tests skip, saying why -- except in CI, where they must run."""

import pytest

from tenpoint.testing.browser import REQUIRE_BROWSER, chromium_path, without_browser


def test_a_missing_browser_skips_the_test_with_the_reason(monkeypatch):
    monkeypatch.delenv(REQUIRE_BROWSER, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no chromium"):
        without_browser("no chromium on this machine")


def test_a_missing_browser_fails_the_test_where_a_browser_is_required(monkeypatch):
    monkeypatch.setenv(REQUIRE_BROWSER, "1")
    with pytest.raises(pytest.fail.Exception, match=f"no chromium on this machine; {REQUIRE_BROWSER} is set"):
        without_browser("no chromium on this machine")


def test_required_set_to_0_is_not_required(monkeypatch):
    monkeypatch.setenv(REQUIRE_BROWSER, "0")
    with pytest.raises(pytest.skip.Exception):
        without_browser("no chromium on this machine")


def test_a_configured_chromium_that_does_not_exist_is_no_chromium(monkeypatch, tmp_path):
    monkeypatch.setenv("TENPOINT_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert chromium_path() is None
    browser = tmp_path / "chromium"
    browser.write_text("")
    monkeypatch.setenv("TENPOINT_CHROMIUM", str(browser))
    assert chromium_path() == str(browser)
