from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from pyxform.xls2xform import convert

from tenpoint.lib.xlsform.form import FormDefinitionError, check_answers, read_form, unknown_columns

PROFILING = Path(__file__).resolve().parents[3] / "screening" / "forms" / "profiling.xlsx"


def _workbook(survey: list[list[str]], choices: list[list[str]] | None = None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    if choices:
        choice_sheet = workbook.create_sheet("choices")
        for row in choices:
            choice_sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_shipped_profiling_form_passes_pyxform_validation():
    warnings: list[str] = []
    result = convert(xlsform=str(PROFILING), validate=False, warnings=warnings)
    assert "<h:html" in result.xform
    assert warnings == []


def test_the_shipped_form_is_in_english_spanish_french_and_arabic_with_a_version():
    form = read_form(PROFILING)
    assert form.languages == ["ar", "en", "es", "fr"]
    assert form.form_id == "tenpoint_profiling" and form.version
    for question in form.questions:
        if question.is_input:
            assert set(question.labels) >= {"en", "es", "fr", "ar"}, question.name


def test_skip_logic_drops_answers_to_questions_that_were_not_asked():
    form = read_form(PROFILING)
    answers, problems = check_answers(form, {"fear_of_return": "no", "fear_of_return_details": "leftover text"})
    assert answers["fear_of_return_details"] is None
    assert any(p.question == "sex" for p in problems)  # required and missing


def test_contradictions_and_bad_values_are_reported_per_question():
    form = read_form(PROFILING)
    _, problems = check_answers(form, {"travelling_with": ["alone", "spouse"], "age_years": "many",
                                       "transit_experiences": ["none", "robbery"], "sex": "robot"})
    by_question = {p.question: p.message for p in problems}
    assert "Alone" in by_question["travelling_with"]
    assert "integer" in by_question["age_years"]
    assert "Nothing" in by_question["transit_experiences"]
    assert "not an option" in by_question["sex"]


def test_a_kobo_export_with_unknown_columns_is_detected():
    form = read_form(PROFILING)
    columns = ["start", "reasons/fear_of_return", "person/age_years", "_uuid", "_submission_time",
               "family/travelling_with/alone", "favourite_colour", "meta/instanceID"]
    assert unknown_columns(form, columns) == ["favourite_colour"]
    assert unknown_columns(form, ["family/travelling_with/spaceship"]) == ["family/travelling_with/spaceship"]


@pytest.mark.parametrize("survey, choices, message", [
    ([["type", "name", "label"], ["select_one missing", "q1", "Q"]], None, "choice list"),
    ([["type", "name", "label"], ["text", "q1", "Q"], ["text", "q1", "Q again"]], None, "used twice"),
    ([["type", "name", "label", "relevant"], ["text", "q1", "Q", "${nowhere} = 'x'"]], None, "unknown question"),
    ([["type", "name", "label"], ["begin_group", "g", "G"], ["text", "q1", "Q"]], None, "never closed"),
    ([["type", "name", "label"], ["geopoint", "where", "Where"]], None, "not supported"),
])
def test_a_broken_form_is_refused_with_the_row_and_reason(survey, choices, message):
    with pytest.raises(FormDefinitionError, match=message):
        read_form(_workbook(survey, choices))


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(FormDefinitionError, match="not an XLSForm"):
        read_form(io.BytesIO(b"name,age\nAmina,12\n"))
