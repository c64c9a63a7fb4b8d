"""Types shared by views: behind @login_required, request.user is a Tenpoint user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from tenpoint.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
