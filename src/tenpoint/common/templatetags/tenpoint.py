from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from tenpoint.common.context import active_language
from tenpoint.common.text import as_clauses, clause_separator, list_separator, listed
from tenpoint.lib.countries import country_name, language_name

register = template.Library()


@register.filter
def country(code: str | None) -> str:
    return country_name(code, active_language()) if code else ""


@register.filter
def language(code: str | None) -> str:
    return language_name(code, active_language()) if code else ""


@register.simple_tag(takes_context=True)
def querystring_with(context: template.Context, **updates: object) -> str:
    query = context["request"].GET.copy()
    for key, value in updates.items():
        query[key] = value
    return "?" + query.urlencode()


@register.filter
def plain_value(value: object) -> str:
    """A JSON value as a person reads it: lists and mappings without Python's brackets and quotes."""
    if isinstance(value, list):
        return listed(plain_value(item) for item in value)
    if isinstance(value, dict):
        return as_clauses(f"{key}: {plain_value(item)}" for key, item in value.items())
    return "" if value is None else str(value)


@register.filter(needs_autoescape=True)
def listing(items: Iterable[object], autoescape: bool = True) -> SafeString:
    """Items joined as the reader's language lists them (", "; Arabic "، ")."""
    return _joined(items, list_separator(), autoescape)


@register.filter(needs_autoescape=True)
def clauses(items: Iterable[object], autoescape: bool = True) -> SafeString:
    """Phrases joined as the reader's language separates clauses ("; "; Arabic "؛ ")."""
    return _joined(items, clause_separator(), autoescape)


def _joined(items: Iterable[object], separator: str, autoescape: bool) -> SafeString:
    def escape(text: object) -> str:
        # An item already marked safe stays as it is, as with Django's own join.
        return str(conditional_escape(text if isinstance(text, SafeData) else str(text))) if autoescape else str(text)

    # Safe: the separator and every item are escaped here (where escaping is on).
    return mark_safe(escape(separator).join(escape(item) for item in items))
