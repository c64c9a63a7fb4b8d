from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.lib.profiling.tests.test_profiling_cases import BASELINE
from tenpoint.screening import services
from tenpoint.screening.models import FlagSuggestion
from tenpoint.screening.selectors import confirmed_flags, person_flags, referral_suggestions
from tenpoint.testing.factories import make_person


def _interview(user, person, **answers: Any):
    return services.record_screening(Actor(user), person, {**BASELINE, **answers})


def test_an_interview_stores_suggestions_with_their_reasons_and_the_form_version(cast, officer):
    person = make_person(officer, fear_of_return="not_expressed")
    screening = _interview(officer, person, fear_of_return="yes", reasons_for_leaving=["gangs"])
    assert screening.questionnaire.version == "2026.1"
    suggestion = screening.suggestions.get(flag="possible_international_protection_need")
    assert suggestion.rule_id == "IPN-01" and suggestion.evidence == {"fear_of_return": "yes"}
    assert suggestion.status == "suggested"
    assert confirmed_flags(person) == []  # a suggestion is not a fact
    event = AuditEvent.objects.get(action="screening.recorded")
    assert "gangs" not in str(event.details)  # answers never enter the audit log


def test_registration_facts_feed_the_rules(cast, officer):
    person = make_person(officer, nationality_declared="SOM", fear_of_return="expressed")  # registered in Costa Rica
    screening = _interview(officer, person)
    flags = set(screening.suggestions.values_list("flag", flat=True))
    assert {"extra_continental", "possible_international_protection_need"} <= flags
    assert screening.facts["fact_extra_continental"] == "yes"


def test_confirming_and_dismissing_needs_the_right_role_and_dismissal_a_reason(cast, officer):
    person = make_person(officer)
    screening = _interview(officer, person, fear_of_return="yes", journey_arranged_by="smuggler")
    protection = cast["protection_officer"]
    ipn = screening.suggestions.get(flag="possible_international_protection_need")
    smuggled = screening.suggestions.get(flag="smuggled_migrant")
    with pytest.raises(PermissionDenied):
        services.decide_flag(Actor(officer), ipn, confirm=True, reason="")
    with pytest.raises(BusinessRuleViolation):
        services.decide_flag(Actor(protection), smuggled, confirm=False, reason=" ")
    services.decide_flag(Actor(protection), ipn, confirm=True, reason="Credible account of threats")
    services.decide_flag(Actor(protection), smuggled, confirm=False, reason="Travelled with a cousin, no smuggler")
    assert confirmed_flags(person) == ["possible_international_protection_need"]
    assert {(r.service_kind, r.urgency) for r in referral_suggestions(person)} == {
        ("asylum_authority", "high"), ("legal_aid", "normal")}
    with pytest.raises(BusinessRuleViolation):
        services.decide_flag(Actor(protection), ipn, confirm=False, reason="changed my mind")


def test_sensitive_flags_are_hidden_from_roles_that_do_not_handle_them(cast, officer):
    person = make_person(officer)
    _interview(officer, person, sgbv_disclosed="yes", sex="female")
    assert "sgbv_survivor" not in {s.flag for s in person_flags(Actor(officer), person)}
    assert "sgbv_survivor" in {s.flag for s in person_flags(Actor(cast["child_protection_officer"]), person)}
    suggestion = FlagSuggestion.objects.get(flag="sgbv_survivor")
    with pytest.raises(PermissionDenied):  # supervisors decide flags, but handle no sensitive category
        services.decide_flag(Actor(cast["supervisor"]), suggestion, confirm=True, reason="")


def test_contradictory_or_missing_answers_are_refused_plainly(cast, officer):
    person = make_person(officer)
    with pytest.raises(services.ScreeningRefused) as refused:
        services.record_screening(Actor(officer), person, {**BASELINE, "travelling_with": ["alone", "spouse"],
                                                           "fear_of_return": None})
    by_question = {p.question: p.message for p in refused.value.problems}
    assert "Alone" in by_question["travelling_with"]
    assert by_question["fear_of_return"] == "Please answer this question."


def _kobo_csv(rows: list[dict[str, str]]) -> bytes:
    header = list(rows[0])
    lines = [",".join(header)] + [",".join(row.get(h, "") for h in header) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def test_a_kobo_export_with_unknown_columns_is_refused_with_the_list(cast, officer):
    person = make_person(officer)
    content = _kobo_csv([{"interview/person_reference": person.reference, "reasons/fear_of_return": "yes",
                          "favourite_colour": "blue", "secret_notes": "x", "_uuid": "abc"}])
    with pytest.raises(services.KoboImportRefused) as refused:
        services.import_kobo_export(Actor(cast["supervisor"]), content, filename="export.csv")
    assert "favourite_colour" in str(refused.value) and "secret_notes" in str(refused.value)
    assert "_uuid" not in str(refused.value)


def test_a_kobo_export_lands_all_rows_or_none_with_line_numbers(cast, officer):
    first, second = make_person(officer), make_person(officer, given_name="Yonas")
    good = {f"x/{k}": (" ".join(v) if isinstance(v, list) else str(v)) for k, v in BASELINE.items()}
    rows = [{**good, "x/person_reference": first.reference}, {**good, "x/person_reference": second.reference,
                                                                "x/age_years": "two hundred"}]
    with pytest.raises(services.KoboImportRefused) as refused:
        services.import_kobo_export(Actor(cast["supervisor"]), _kobo_csv(rows), filename="export.csv")
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "age_years")]
    assert not FlagSuggestion.objects.exists()
    rows[1]["x/age_years"] = "22"
    imported = services.import_kobo_export(Actor(cast["supervisor"]), _kobo_csv(rows), filename="export.csv")
    assert [s.person for s in imported] == [first, second]


def test_a_kobo_answer_over_two_lines_keeps_the_line_numbers_of_the_rows_after_it(cast, officer):
    import csv

    first, second = make_person(officer), make_person(officer, given_name="Yonas")
    good = {f"x/{k}": (" ".join(v) if isinstance(v, list) else str(v)) for k, v in BASELINE.items()}
    rows = [{**good, "x/person_reference": first.reference, "x/fear_of_return": "yes",
             "x/fear_of_return_details": 'The gang said "do not come back"\nto his brother.'},
            {**good, "x/person_reference": second.reference, "x/fear_of_return_details": "", "x/age_years": "old"}]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    with pytest.raises(services.KoboImportRefused) as refused:
        services.import_kobo_export(Actor(cast["supervisor"]), out.getvalue().encode(), filename="export.csv")
    assert [(p.line, p.column) for p in refused.value.problems] == [(4, "age_years")]  # row 2 begins on line 4
    rows[1]["x/age_years"] = "22"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    imported = services.import_kobo_export(Actor(cast["supervisor"]), out.getvalue().encode(), filename="export.csv")
    assert imported[0].answers["fear_of_return_details"] == 'The gang said "do not come back"\nto his brother.'


def test_a_kobo_export_with_a_quote_left_open_is_refused_on_its_line(cast, officer):
    person = make_person(officer)
    content = (f"x/person_reference,x/fear_of_return_details\n{person.reference},\"no\n"
               f"{person.reference},fine\n").encode()
    with pytest.raises(services.KoboImportRefused) as refused:
        services.import_kobo_export(Actor(cast["supervisor"]), content, filename="export.csv")
    assert refused.value.problems[0].line == 2 and "Line 2" in str(refused.value)
    assert not FlagSuggestion.objects.exists()


def test_a_kobo_line_longer_than_its_header_is_refused_not_read_shifted(cast, officer):
    first, second = make_person(officer), make_person(officer, given_name="Yonas")
    good = {f"x/{k}": (" ".join(v) if isinstance(v, list) else str(v)) for k, v in BASELINE.items()}
    rows = [{**good, "x/person_reference": first.reference, "x/fear_of_return": "yes",
             "x/fear_of_return_details": "gangs, then the police"},  # a comma, not quoted
            {**good, "x/person_reference": second.reference}]
    header, shifted, fine = _kobo_csv(rows).decode().splitlines()
    content = "\n".join([header, shifted, fine + ","]).encode()  # a trailing empty cell moves nothing
    with pytest.raises(services.KoboImportRefused) as refused:
        services.import_kobo_export(Actor(cast["supervisor"]), content, filename="export.csv")
    columns = len(rows[0])
    assert [(p.line, p.message) for p in refused.value.problems] == [
        (2, f"this line has {columns + 1} cells but the header has {columns}")]
    assert not FlagSuggestion.objects.exists()


def test_an_agency_version_must_keep_the_questions_the_rules_read(cast):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "survey"
    workbook.active.append(["type", "name", "label"])
    workbook.active.append(["text", "only_question", "Only"])
    settings = workbook.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["agency_form", "1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(BusinessRuleViolation, match="lacks questions"):
        services.upload_questionnaire(Actor(cast["supervisor"]), buffer.getvalue(), filename="agency.xlsx")


def test_the_interview_page_renders_the_xlsform_and_skip_logic_hides_questions(client, cast, officer):
    person = make_person(officer)
    client.force_login(officer)
    url = reverse("screening:interview", args=[person.uuid])
    page = client.get(url).content.decode()
    assert 'data-question="fear_of_return">' in page
    assert 'data-question="fear_of_return_details" hidden>' in page  # only asked after a "yes"
    visible = client.post(url, {"fear_of_return": "yes"}, HTTP_X_TENPOINT_RELEVANCE="1").json()["visible"]
    assert "fear_of_return_details" in visible and "gang_threats" not in visible
    response = client.post(url, {**{k: v for k, v in BASELINE.items()}, "finish": "1"})
    assert response.status_code == 302
