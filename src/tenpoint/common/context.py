"""Request-independent helpers for the active language (used by templates and services)."""

from __future__ import annotations

from django.utils import translation


def active_language() -> str:
    return (translation.get_language() or "en").split("-")[0]
