from __future__ import annotations

from django import template

from tenpoint.common.context import active_language
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
        return ", ".join(plain_value(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {plain_value(item)}" for key, item in value.items())
    return "" if value is None else str(value)
