from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def can(user: Any, permission: str) -> bool:
    """Menus show only what the user's role may open (the access rules still decide)."""
    return bool(user and user.is_authenticated and user.has_role_permission(permission))
