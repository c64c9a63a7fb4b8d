"""Read an XLSForm (the spreadsheet form standard of ODK and KoBoToolbox) into a form model that
a web page can render and a service can validate answers against. Pure Python (openpyxl).

What is read: the `survey`, `choices` and `settings` sheets; types text, integer, decimal,
date, select_one, select_multiple, note, acknowledge, calculate, begin_group/end_group (and the
"begin group" spellings); columns name, label[::Language (code)], hint, required,
required_message, relevant, constraint, constraint_message, appearance, calculation, default.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook

from tenpoint.lib.xlsform.expressions import Expression, ExpressionError, parse

SUPPORTED_TYPES = {"text", "integer", "decimal", "date", "select_one", "select_multiple", "note", "acknowledge",
                   "calculate", "begin_group", "end_group", "start", "end", "today", "deviceid"}
_LANGUAGE_COLUMN = re.compile(r"^(?P<column>[a-z_]+)::(?P<language>.+?)\s*(?:\((?P<code>[A-Za-z\-]+)\))?$")


class FormDefinitionError(ValueError):
    """The spreadsheet is not a usable XLSForm; the message names the sheet and row."""


@dataclass
class Choice:
    name: str
    labels: dict[str, str]

    def label(self, language: str, default: str) -> str:
        return self.labels.get(language) or self.labels.get(default) or self.name


@dataclass
class Question:
    type: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    list_name: str = ""
    required: bool = False
    required_messages: dict[str, str] = field(default_factory=dict)
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_messages: dict[str, str] = field(default_factory=dict)
    calculation: Expression | None = None
    appearance: str = ""
    group_path: tuple[str, ...] = ()
    row: int = 0

    def label(self, language: str, default: str) -> str:
        return self.labels.get(language) or self.labels.get(default) or self.name

    def hint(self, language: str, default: str) -> str:
        return self.hints.get(language) or self.hints.get(default) or ""

    @property
    def is_input(self) -> bool:
        return self.type not in ("note", "begin_group", "end_group", "calculate", "start", "end", "today", "deviceid")


@dataclass
class Group:
    name: str
    labels: dict[str, str]
    relevant: Expression | None
    questions: list[Question]
    row: int

    def label(self, language: str, default: str) -> str:
        return self.labels.get(language) or self.labels.get(default) or self.name


@dataclass
class Form:
    form_id: str
    version: str
    title: str
    default_language: str
    languages: list[str]
    questions: list[Question]
    groups: list[Group]
    choices: dict[str, list[Choice]]

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(name)

    @property
    def input_names(self) -> list[str]:
        return [q.name for q in self.questions if q.is_input or q.type == "calculate"]

    def choice_names(self, list_name: str) -> set[str]:
        return {c.name for c in self.choices.get(list_name, [])}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(workbook: Any, sheet: str) -> list[tuple[int, dict[str, str]]]:
    if sheet not in workbook.sheetnames:
        return []
    rows = list(workbook[sheet].iter_rows(values_only=True))
    if not rows:
        return []
    header = [_cell(h) for h in rows[0]]
    result = []
    for number, row in enumerate(rows[1:], start=2):
        values = {header[i]: _cell(v) for i, v in enumerate(row) if i < len(header) and header[i]}
        if any(values.values()):
            result.append((number, values))
    return result


def _language_of(language_label: str, code: str | None) -> str:
    return (code or language_label).lower()


def _localised(values: Mapping[str, str], column: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in values.items():
        if not value:
            continue
        if key == column:
            found.setdefault("default", value)
            continue
        match = _LANGUAGE_COLUMN.match(key)
        if match and match.group("column") == column:
            found[_language_of(match.group("language"), match.group("code"))] = value
    return found


def _expression(text: str, sheet: str, row: int, column: str) -> Expression | None:
    if not text:
        return None
    try:
        return parse(text)
    except ExpressionError as error:
        raise FormDefinitionError(f"{sheet} row {row}, {column}: {error}") from None


def read_form(source: str | Path | IO[bytes]) -> Form:
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FormDefinitionError(f"not an XLSForm spreadsheet (.xlsx): {error}") from None
    survey = _rows(workbook, "survey")
    if not survey:
        raise FormDefinitionError("the workbook has no `survey` sheet, or it is empty")
    settings = dict(_rows(workbook, "settings")[0][1]) if _rows(workbook, "settings") else {}

    choices: dict[str, list[Choice]] = {}
    for row, values in _rows(workbook, "choices"):
        list_name, name = values.get("list_name", ""), values.get("name", "")
        if not list_name or not name:
            raise FormDefinitionError(f"choices row {row}: list_name and name are required")
        if name in {c.name for c in choices.get(list_name, [])}:
            raise FormDefinitionError(f"choices row {row}: “{name}” appears twice in list “{list_name}”")
        choices.setdefault(list_name, []).append(Choice(name, _localised(values, "label")))

    languages: set[str] = set()
    questions: list[Question] = []
    groups: list[Group] = []
    open_groups: list[Group] = []
    names: set[str] = set()
    for row, values in survey:
        type_text = values.get("type", "")
        parts = type_text.replace("begin group", "begin_group").replace("end group", "end_group").split()
        if not parts:
            raise FormDefinitionError(f"survey row {row}: the type is empty")
        kind = parts[0]
        if kind not in SUPPORTED_TYPES:
            raise FormDefinitionError(f"survey row {row}: type “{kind}” is not supported by Tenpoint's renderer")
        labels = _localised(values, "label")
        languages.update(k for k in labels if k != "default")
        if kind == "end_group":
            if not open_groups:
                raise FormDefinitionError(f"survey row {row}: end_group without begin_group")
            open_groups.pop()
            continue
        name = values.get("name", "")
        if not re.fullmatch(r"[A-Za-z_][\w.\-]*", name or ""):
            raise FormDefinitionError(f"survey row {row}: “{name}” is not a valid question name")
        if kind == "begin_group":
            group = Group(name, labels, _expression(values.get("relevant", ""), "survey", row, "relevant"), [], row)
            groups.append(group)
            open_groups.append(group)
            continue
        if name in names:
            raise FormDefinitionError(f"survey row {row}: the name “{name}” is used twice")
        names.add(name)
        list_name = parts[1] if kind in ("select_one", "select_multiple") and len(parts) > 1 else ""
        if kind in ("select_one", "select_multiple") and list_name not in choices:
            raise FormDefinitionError(f"survey row {row}: choice list “{list_name}” is not on the choices sheet")
        question = Question(
            type=kind, name=name, labels=labels, hints=_localised(values, "hint"), list_name=list_name,
            required=values.get("required", "").lower() in ("yes", "true", "1", "true()"),
            required_messages=_localised(values, "required_message"),
            relevant=_expression(values.get("relevant", ""), "survey", row, "relevant"),
            constraint=_expression(values.get("constraint", ""), "survey", row, "constraint"),
            constraint_messages=_localised(values, "constraint_message"),
            calculation=_expression(values.get("calculation", ""), "survey", row, "calculation"),
            appearance=values.get("appearance", ""),
            group_path=tuple(g.name for g in open_groups), row=row)
        questions.append(question)
        if open_groups:
            open_groups[-1].questions.append(question)
    if open_groups:
        raise FormDefinitionError(f"survey row {open_groups[-1].row}: begin_group “{open_groups[-1].name}” is never closed")
    for question in questions:
        for expression in (question.relevant, question.constraint, question.calculation):
            unknown = (expression.references - names) if expression else set()
            if unknown:
                raise FormDefinitionError(
                    f"survey row {question.row}: refers to unknown question(s) {', '.join(sorted(unknown))}")
    default_language = settings.get("default_language", "")
    default_code = (_LANGUAGE_COLUMN.match("x::" + default_language) if default_language else None)
    default = _language_of(default_language, default_code.group("code") if default_code else None) if default_language else "default"
    return Form(
        form_id=settings.get("form_id", ""), version=settings.get("version", ""),
        title=settings.get("form_title", ""), default_language=default,
        languages=sorted(languages), questions=questions, groups=groups, choices=choices)


# --- Answers ----------------------------------------------------------------------------------


def _group_relevant(form: Form, question: Question, answers: Mapping[str, Any]) -> bool:
    for group in form.groups:
        if group.name in question.group_path and group.relevant and not group.relevant.is_true(answers):
            return False
    return True


def is_relevant(form: Form, question: Question, answers: Mapping[str, Any]) -> bool:
    if not _group_relevant(form, question, answers):
        return False
    return question.relevant is None or question.relevant.is_true(answers)


def coerce_answer(question: Question, raw: Any) -> Any:
    """Turn a submitted value (form field, API JSON, Kobo export cell) into the answer's type."""
    if raw is None or raw == "" or raw == []:
        return None
    if question.type == "integer":
        return int(str(raw).strip())
    if question.type == "decimal":
        return float(str(raw).strip())
    if question.type == "date":
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip()[:10])
    if question.type == "select_multiple":
        return sorted(set(raw if isinstance(raw, (list, tuple, set)) else str(raw).split()))
    return str(raw).strip()


@dataclass
class AnswerProblem:
    question: str
    message: str


def check_answers(form: Form, submitted: Mapping[str, Any], language: str = "en") -> tuple[dict[str, Any], list[AnswerProblem]]:
    """Coerce and check answers: types, choices, required and constraints, following skip logic.
    Answers to questions that skip logic hides are dropped (they were not asked)."""
    answers: dict[str, Any] = {}
    problems: list[AnswerProblem] = []
    unreadable: set[str] = set()
    for question in form.questions:
        if question.type == "calculate" or not question.is_input:
            continue
        try:
            answers[question.name] = coerce_answer(question, submitted.get(question.name))
        except (ValueError, TypeError):
            problems.append(AnswerProblem(question.name, f"“{submitted.get(question.name)}” is not a valid {question.type}"))
            answers[question.name] = None
            unreadable.add(question.name)
    for question in form.questions:
        if question.type == "calculate" and question.calculation:
            answers[question.name] = question.calculation.evaluate(answers)
    for question in form.questions:
        if not question.is_input:
            continue
        value = answers.get(question.name)
        if not is_relevant(form, question, answers):
            answers[question.name] = None
            continue
        if value is None:
            if question.required and question.name not in unreadable:
                message = question.required_messages.get(language) or question.required_messages.get("default") or "required"
                problems.append(AnswerProblem(question.name, message))
            continue
        if question.list_name:
            allowed = form.choice_names(question.list_name)
            chosen = value if isinstance(value, list) else [value]
            unknown = [v for v in chosen if v not in allowed]
            if unknown:
                problems.append(AnswerProblem(question.name, f"not an option: {', '.join(unknown)}"))
                continue
        if question.constraint and not question.constraint.is_true(answers, current=value):
            message = (question.constraint_messages.get(language) or question.constraint_messages.get("default")
                       or "the answer is not allowed")
            problems.append(AnswerProblem(question.name, message))
    return answers, problems


def unknown_columns(form: Form, columns: Iterable[str], *, ignored_prefixes: Iterable[str] = ("_", "meta/", "formhub/")) -> list[str]:
    """Columns of a KoBoToolbox/ODK export that this form version does not know (group paths
    such as `reasons/fear_of_return` are matched by their last part; Kobo's own `_id`, `_uuid`,
    `_submission_time`… columns are not answers and are ignored)."""
    known = set(form.input_names) | {g.name for g in form.groups} | {"start", "end", "today", "deviceid", "__version__"}
    multiple = {q.name: form.choice_names(q.list_name) for q in form.questions if q.type == "select_multiple"}
    unknown = []
    for column in columns:
        if not column or column.startswith(tuple(ignored_prefixes)):
            continue
        parts = column.split("/")
        if parts[-1] in known:
            continue
        # Kobo splits select_multiple answers into one column per option: group/question/option.
        if len(parts) >= 2 and parts[-2] in multiple and parts[-1] in multiple[parts[-2]]:
            continue
        unknown.append(column)
    return unknown
