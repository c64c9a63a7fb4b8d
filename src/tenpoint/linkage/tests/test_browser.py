"""A supervisor reviews possible duplicates in a real Chromium, in Arabic (right to left): starts a
review (run in the background, its page following it), reads the pair side by side with its reasons and
what the model weighed, decides "same person", sees the link on the
person page and undoes it with a reason; then reviews only the person registered since."""

from __future__ import annotations

import pytest

from tenpoint.linkage.models import DuplicateReview, SamePersonLink
from tenpoint.testing.browser import log_in
from tenpoint.testing.factories import PASSWORD, make_person


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_supervisor_links_a_person_registered_twice_and_undoes_it(page, live_server, cast, settings):
    settings.LINKAGE_REVIEWS_IN_BACKGROUND = True  # as served: the page follows the run until the queue is ready
    officer, supervisor = cast["registration_officer"], cast["supervisor"]
    first = make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                        birth_date="1994-03-02")
    again = make_person(officer, given_name="Mohamed", father_name="Abdi", family_name="Warsame", birth_date="1994")
    supervisor.preferred_language = "ar"
    supervisor.save()
    log_in(page, live_server.url, supervisor.username, PASSWORD)
    page.goto(f"{live_server.url}/linkage/reviews/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    with page.expect_navigation():
        page.click("[data-testid=start-review]")
    # The page reloads itself until the queue is ready (or says why there is none).
    page.wait_for_selector("[data-testid=pair] a, [data-testid=review-problem]", timeout=60_000)
    review = DuplicateReview.objects.get()
    assert review.status == DuplicateReview.Status.DONE, review.problem
    # The queue's row says what weighed most, in Arabic, and the pairs can be taken by that kind.
    assert "أسماء العائلة" in page.locator("[data-testid=weighed-most]").first.inner_text()
    with page.expect_navigation():
        page.locator("[data-testid=weighed-most-group]").first.click()
    assert "most=" in page.url and page.locator("[data-testid=pair]").count() == 1
    page.locator("[data-testid=pair] a").first.click()
    page.wait_for_selector("[data-testid=side-by-side]")
    reasons = page.locator("[data-testid=reasons]").inner_text()
    # The names that sound alike, as the records write them, in Arabic sentences.
    assert "«Mohamed» يُلفظ مثل «Maxamed»" in reasons
    # What the model weighed, in Arabic, the weights read right to left with the text.
    weighed = page.locator("[data-testid=model-weights]")
    assert "السنة نفسها، وأحد السجلين بالسنة فقط أو 1 يناير" in weighed.inner_text()
    assert weighed.evaluate("table => getComputedStyle(table).direction") == "rtl"
    assert page.locator("[data-testid=total-weight]").inner_text().startswith("+")
    page.fill("#note", "نفس رقم الهاتف")
    with page.expect_navigation():
        page.click("[data-testid=same-person]")
    link = SamePersonLink.objects.get()
    assert (link.person_id, link.same_as_id) == (again.uuid, first.uuid)

    page.goto(f"{live_server.url}/people/{again.uuid}/")
    banner = page.locator("[data-testid=same-person-as]")
    assert first.reference in banner.inner_text()
    banner.locator("input[name=reason]").fill("أمهات مختلفات")
    with page.expect_navigation():
        banner.locator("[data-testid=undo-link]").click()
    link.refresh_from_db()
    assert link.undone_at is not None and link.undo_reason == "أمهات مختلفات"
    assert page.locator("[data-testid=same-person-as]").count() == 0

    # Someone registered since: the second button compares only them with everyone.
    newcomer = make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame",
                           birth_date="1994-03-02")
    page.goto(f"{live_server.url}/linkage/reviews/")
    with page.expect_navigation():
        page.click("[data-testid=start-review-since-last]")
    page.wait_for_selector("[data-testid=pair] a, [data-testid=review-problem]", timeout=60_000)
    since = DuplicateReview.objects.get(scope=DuplicateReview.Scope.SINCE_LAST)
    assert since.status == DuplicateReview.Status.DONE, since.problem
    queued = page.locator("[data-testid=pairs]").inner_text()
    assert newcomer.reference in queued and first.reference in queued
    assert "قورنوا بالجميع" in page.content()  # "… compared with everyone", in Arabic
