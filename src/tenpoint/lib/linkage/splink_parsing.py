"""Splink's checks of a comparison level's SQL, made once per condition in a process, not once
per linker.

Every Splink ``Linker`` builds its comparison levels from the settings again, and each level
parses its SQL condition with sqlglot twice to check that it parses (``_validate_sql``) and, in
EM, parses and normalises it once more to ask whether it is an exact match
(``_is_exact_match``). Both answers depend on the condition's text and dialect alone. Tenpoint
builds three linkers on a file (training, λ, scoring) from one model of 37 levels, many of them
long conditions, so most of a linker's construction was sqlglot parsing the same text again:
31.7 ms of CPU per linker, 9.1 ms with the answers kept (Febrl3's final model, 2026-12-04).

Splink 5.0 already keeps two such answers (``_input_columns_used_by_sql_condition``, and the
column signatures; Splink pull request 3162, "Python speedups"); these two are in the same spirit
and would belong upstream. ``keep_condition_checks`` replaces the two members of Splink's
``ComparisonLevel`` with versions that remember the answer for a (condition, dialect). A
condition that does not parse is not remembered: it raises every time, as before. If a Splink
release renames or removes either member, the member is left as Splink has it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

_KEPT_MARK = "_tenpoint_kept"


def _keyed_by_condition(compute: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``compute(level)`` answered once per (sql_condition, sqlglot_dialect); an exception is not kept."""
    answers: dict[tuple[str, str], Any] = {}

    @functools.wraps(compute)
    def kept(level: Any) -> Any:
        key = (level.sql_condition, level.sqlglot_dialect)
        if key not in answers:
            answers[key] = compute(level)
        return answers[key]

    setattr(kept, _KEPT_MARK, True)
    return kept


def keep_condition_checks() -> None:
    """Make Splink's ``ComparisonLevel`` check each SQL condition's parse, and whether it is an
    exact match, once per process. Idempotent."""
    from splink.internals.comparison_level import ComparisonLevel

    validate = getattr(ComparisonLevel, "_validate_sql", None)
    if callable(validate) and not getattr(validate, _KEPT_MARK, False):
        ComparisonLevel._validate_sql = _keyed_by_condition(validate)  # type: ignore[method-assign]
    exact = ComparisonLevel.__dict__.get("_is_exact_match")
    if isinstance(exact, property) and exact.fget is not None and not getattr(exact.fget, _KEPT_MARK, False):
        ComparisonLevel._is_exact_match = property(_keyed_by_condition(exact.fget))  # type: ignore[method-assign,assignment]
