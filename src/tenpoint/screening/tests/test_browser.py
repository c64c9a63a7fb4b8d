"""An officer walks through the profiling questionnaire in a real Chromium, confirms one flag,
dismisses another with a reason, records the person's consent and sends a referral."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tenpoint.referrals.models import Referral, Service
from tenpoint.screening.models import FlagSuggestion
from tenpoint.testing.browser import log_in
from tenpoint.testing.factories import PASSWORD, make_person

ANSWERS: dict[str, object] = {
    "interview_language": "spa", "interpreter_used": "no", "sex": "male", "age_years": "29", "age_in_doubt": "no",
    "nationality_declared": "HND", "languages_spoken": ["spa"], "country_recognises_as_national": "yes",
    "has_identity_document": "no", "documents_held_by_other": "no", "reasons_for_leaving": ["gangs"],
    "fear_of_return": "yes", "recognised_refugee_elsewhere": "no", "transit_experiences": ["none"],
    "injured": "no", "travelling_with": ["alone"], "separated_from_family": "no",
    "serious_medical_condition": "no", "disability": ["none"], "journey_arranged_by": "smuggler",
    "owes_debt": "no", "free_to_leave": "yes", "has_money_to_continue": "yes", "can_return_home": "no",
    "intention": "stay",
}


def _answer(page, name: str, value: object) -> None:
    values = value if isinstance(value, list) else [value]
    first = page.locator(f"[name={name}]").first
    kind = first.get_attribute("type")
    if kind in ("radio", "checkbox"):
        for v in values:
            page.check(f"[name={name}][value={v}]")
    else:
        page.fill(f"[name={name}]", str(values[0]))
        page.locator(f"[name={name}]").dispatch_event("change")
    # Each change asks the server which questions skip logic shows; let the answer arrive before
    # the next click. "networkidle" did not wait for it (reached once, it is not awaited again),
    # and a question shown or hidden under the next click once made it miss its radio button.
    page.wait_for_selector("form[data-relevance-answered=yes]", state="attached")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_interviews_confirms_dismisses_and_refers_with_consent(page, live_server, cast, tmp_path):
    officer = cast["protection_officer"]
    person = make_person(officer, given_name="Josué", family_name="Banegas", nationality_declared="HND",
                         fear_of_return="expressed")
    Service.objects.create(organisation=cast.organisation, name="Unidad de Refugio", kind="asylum_authority",
                           country="CRI", languages=["spa"])
    log_in(page, live_server.url, officer.username, PASSWORD)

    page.goto(f"{live_server.url}/people/{person.uuid}/")
    page.click("[data-testid=interview]")
    page.wait_for_selector("[data-testid=interview-form]")
    for name, value in ANSWERS.items():
        _answer(page, name, value)
    # expect() waits for the skip logic to run; an instant is_visible() read could race it.
    expect(page.locator("[data-question=gang_threats]")).to_be_visible()  # shown after "gangs"
    expect(page.locator("[data-question=fear_of_return_details]")).to_be_visible()  # after "yes"
    expect(page.locator("[data-question=documents_holder]")).to_be_hidden()  # nobody holds them
    page.click("[data-testid=finish-interview]")
    page.wait_for_load_state("networkidle")
    problems = [q.get_attribute("data-question") for q in page.locator(".question.field-error").all()]
    assert problems == [], problems

    page.wait_for_selector("[data-flag=possible_international_protection_need]")
    page.click("[data-testid=confirm-possible_international_protection_need]")
    page.fill("[data-testid=reason-smuggled_migrant]", "Travelled with his cousin; nobody was paid")
    page.click("[data-testid=dismiss-smuggled_migrant]")
    expect(page.locator("[data-flag=smuggled_migrant]")).to_have_attribute("data-status", "dismissed")
    statuses = dict(FlagSuggestion.objects.values_list("flag", "status"))
    assert statuses["possible_international_protection_need"] == "confirmed"
    assert statuses["smuggled_migrant"] == "dismissed"

    page.click("[data-testid=refer-asylum_authority]")
    page.wait_for_selector("[data-testid=consent-missing]")
    page.click("[data-testid=consent-missing] a")
    form = page.locator("[data-testid=consent-form]")
    form.locator("[name=consent-purpose]").select_option("referral")
    form.locator("[name=consent-decision][value=given]").check()
    form.locator("[name=consent-explained_by]").fill("Ana Solís, with the person in Spanish")
    form.locator("[name=consent-language]").fill("spa")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=consents] td")

    page.go_back()
    page.go_back()
    page.reload()
    page.select_option("[name=service]", index=1)
    page.click("[data-testid=send-referral]")
    page.wait_for_selector("[data-testid=referral-status]")
    page.screenshot(path=str(tmp_path / "referral.png"), full_page=True)
    referral = Referral.objects.get()
    assert referral.status == "sent" and referral.consent is not None
    assert referral.because_of == ["possible_international_protection_need"]
