"""The shipped questionnaire and rules, loaded once and validated at load."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from tenpoint.lib.profiling.engine import Ruleset, load_ruleset
from tenpoint.lib.xlsform.form import Form, read_form

HERE = Path(__file__).resolve().parent
DEFAULT_FORM_FILE = HERE / "forms" / "profiling.xlsx"
RULES_FILE = HERE / "rules" / "profiling-rules.yaml"


@cache
def default_form() -> Form:
    return read_form(DEFAULT_FORM_FILE)


@cache
def ruleset() -> Ruleset:
    # Rules are checked against the regional form's questions; agency versions must keep those names.
    return load_ruleset(RULES_FILE, question_names=default_form().input_names)


@cache
def _form_from_bytes(content: bytes) -> Form:
    return read_form(io.BytesIO(content))


def form_of(xlsform: bytes | memoryview) -> Form:
    return _form_from_bytes(bytes(xlsform))
