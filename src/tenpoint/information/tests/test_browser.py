"""A migrant reads the Arabic package on a phone, right to left, with nothing to download but the
page itself, and reports abuse from it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tenpoint.audit.services import Actor
from tenpoint.information import services
from tenpoint.information.models import AbuseReport
from tenpoint.information.services import CONTENT_DIR
from tenpoint.referrals.models import Service


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_migrant_reads_the_arabic_package_on_a_phone_and_reports_abuse(phone_page, live_server, cast):
    page = phone_page
    services.load_package_content(Actor(None, "cli"), CONTENT_DIR / "CRI.yaml", publish=True)
    unit = Service.objects.create(organisation=cast.organisation, name="وحدة مكافحة الاتجار", kind="anti_trafficking_unit",
                                  country="CRI", location="San José")
    services.save_channel(Actor(None, "cli"), country="CRI", service=unit, hotline="+506 0000-0000")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(f"{live_server.url}/info/")
    requests.clear()
    page.click("a[lang=ar]")
    # expect() waits for the Arabic page; a plain read could still see the page clicked on.
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    assert html.get_attribute("dir") == "rtl"
    title = page.locator("[data-testid=package-title]")
    assert title.inner_text() == "حقوقك وأين تجد المساعدة في كوستاريكا"
    # Right to left for real: the heading's text starts at the right edge of the screen.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    box = title.bounding_box()
    assert box is not None and box["x"] + box["width"] > 390 - 40
    # Fits a phone: nothing wider than the screen, so no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("section[data-topic=asylum] h2").inner_text() == "كيف تطلب اللجوء"
    assert "وحدة مكافحة الاتجار" in page.locator("section[data-topic=services]").inner_text()
    # Low bandwidth and offline-safe: the page and one stylesheet, all from this server.
    assert all(url.startswith(live_server.url) for url in requests)
    assert len(requests) == 2, requests

    with page.expect_navigation():
        page.click(".hotline a.button")
    # Measured once the report page has loaded: mid-navigation there is no document to measure.
    page.wait_for_selector("#id_what_happened")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#id_what_happened", "أخذ مني المهرّب جواز سفري في الحدود.")
    page.check("input[name=who_was_harmed][value=self]")
    page.click("button[type=submit]")
    reference = page.locator("[data-testid=reference]").inner_text()
    report = AbuseReport.objects.get()
    assert reference == report.reference and report.language == "ar" and report.service == unit
    assert page.locator("html").get_attribute("dir") == "rtl"
