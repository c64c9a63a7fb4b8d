"""Turn an XLSForm into what a template shows: sections, questions, choices in the user's
language, and which questions skip logic currently hides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tenpoint.common.text import listed
from tenpoint.lib.xlsform.form import Form, Question, is_relevant


@dataclass
class ShownQuestion:
    name: str
    type: str
    label: str
    hint: str
    required: bool
    choices: list[tuple[str, str, bool]]  # value, label, checked
    value: Any
    error: str = ""
    relevant: bool = True

    @property
    def is_choice(self) -> bool:
        return self.type in ("select_one", "select_multiple")


@dataclass
class Section:
    name: str
    label: str
    items: list[ShownQuestion | str] = field(default_factory=list)  # a str is a note


def _language(form: Form, language: str) -> str:
    return language if language in form.languages else form.default_language


def sections(form: Form, answers: dict[str, Any], language: str, errors: dict[str, str] | None = None,
             prefilled: frozenset[str] = frozenset()) -> list[Section]:
    language = _language(form, language)
    default = form.default_language
    groups = {g.name: g for g in form.groups}
    result: list[Section] = []
    for question in form.questions:
        group_name = question.group_path[-1] if question.group_path else ""
        if not result or result[-1].name != group_name:
            label = groups[group_name].label(language, default) if group_name else ""
            result.append(Section(group_name, label))
        if question.name in prefilled or question.type in ("calculate", "start", "end", "today", "deviceid"):
            continue
        relevant = is_relevant(form, question, answers)
        if question.type == "note":
            if not relevant:
                continue
            result[-1].items.append(question.label(language, default))
            continue
        value = answers.get(question.name)
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        choices = [(c.name, c.label(language, default), c.name in chosen)
                   for c in form.choices.get(question.list_name, [])]
        result[-1].items.append(ShownQuestion(
            question.name, question.type, question.label(language, default), question.hint(language, default),
            question.required, choices, value, (errors or {}).get(question.name, ""), relevant))
    return [s for s in result if s.items]


def visible_questions(form: Form, answers: dict[str, Any]) -> list[str]:
    """The questions skip logic shows for these answers (what the page toggles as one types)."""
    return [q.name for q in form.questions if q.is_input and is_relevant(form, q, answers)]


def answer_text(form: Form, question_name: str, value: Any, language: str) -> tuple[str, str]:
    """(question label, answer in words) for showing evidence."""
    language = _language(form, language)
    try:
        question: Question = form.question(question_name)
    except KeyError:
        return question_name, str(value)
    label = question.label(language, form.default_language)
    if question.list_name:
        names = {c.name: c.label(language, form.default_language) for c in form.choices.get(question.list_name, [])}
        values = value if isinstance(value, list) else [value]
        return label, listed(names.get(str(v), str(v)) for v in values)
    return label, str(value)
