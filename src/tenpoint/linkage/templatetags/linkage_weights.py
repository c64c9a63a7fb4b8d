"""What weighed most in a queued pair, for the queue's rows."""

from __future__ import annotations

from typing import Any

from django import template

from tenpoint.linkage.weights import WeighedComparison, weighed_most

register = template.Library()


@register.filter
def strongest(stored: dict[str, Any]) -> tuple[WeighedComparison | None, WeighedComparison | None]:
    """(for one person, against) of a pair's ``model_weights``."""
    return weighed_most(stored)
