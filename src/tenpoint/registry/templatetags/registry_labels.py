"""Words for the codes the registry stores, so pages never show a raw value like `separated`."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tenpoint.registry.models import Relationship

register = template.Library()


@register.filter
def relationship_label(code: str | None) -> str:
    if not code:
        return "—"
    try:
        return str(Relationship(code).label)
    except ValueError:
        return code


@register.filter
def child_status_badge(status: str | None) -> SafeString | str:
    """Unaccompanied and separated children stand out; an accompanied child is shown quietly."""
    if not status:
        return ""
    labels = {"unaccompanied": _("Unaccompanied child"), "separated": _("Separated child"),
              "accompanied": _("Child with a parent or guardian")}
    css = "badge" if str(status) == "accompanied" else "badge danger"
    return format_html('<span class="{}" data-child-status="{}">{}</span>', css, str(status),
                       labels.get(str(status), str(status)))
