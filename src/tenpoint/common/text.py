"""Lists in running text, joined as the reader's language joins them.

The template filters ``listing`` and ``clauses`` use the same separators; messages built in Python
(validation errors, rendered answers) use these functions, so that an Arabic reader sees "، "
and a French one " ; " wherever a list is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def list_separator() -> str:
    """", " in English; "، " in Arabic."""
    return pgettext("list separator", ", ")


def clause_separator() -> str:
    """"; " in English; " ; " in French, "؛ " in Arabic."""
    return pgettext("separator between clauses", "; ")


def listed(items: Iterable[object]) -> str:
    """Items as one list in the active language: "Amina, Hodan" / "Amina، Hodan"."""
    return list_separator().join(str(item) for item in items)


def as_clauses(items: Iterable[object]) -> str:
    """Phrases separated as clauses in the active language: "a: 1; b: 2" / "a: 1؛ b: 2"."""
    return clause_separator().join(str(item) for item in items)
