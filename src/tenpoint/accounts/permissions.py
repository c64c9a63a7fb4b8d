"""The one check every service makes before acting: does the actor's role grant the permission?"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_permission(actor: Any, permission: str, message: str | None = None, *, allow_system: bool = False) -> None:
    """Refuse unless the acting user's role grants `permission`. Scheduled jobs act as the system
    (no user) only where the caller allows it."""
    if actor.user is None and allow_system and actor.channel in ("system", "cli"):
        return
    if actor.user is None or not actor.user.has_role_permission(permission):
        raise PermissionDenied(message or _("Your role does not allow this."))
