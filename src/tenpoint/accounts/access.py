"""Access rules per URL name (access.yaml), enforced for pages by middleware and for the API by
a DRF permission class, so both read one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from tenpoint.accounts.roles import role_catalogue

ACCESS_FILE = Path(__file__).with_name("access.yaml")
KINDS = ("public", "authenticated", "staff", "permission")


class AccessRuleError(ValueError):
    pass


@dataclass(frozen=True)
class AccessRule:
    kind: str
    permission: str = ""
    object: str = ""
    any_of: tuple[str, ...] = ()

    def allows(self, user: Any) -> bool:
        if self.kind == "public":
            return True
        if user is None or not user.is_authenticated:
            return False
        if self.kind == "authenticated":
            return True
        if self.kind == "staff":
            return bool(user.is_staff)
        if self.any_of:
            return any(user.has_role_permission(p) for p in self.any_of)
        return bool(user.has_role_permission(self.permission))


def parse_access_rules(text: str, source: str = "access.yaml") -> dict[str, AccessRule]:
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or document.get("version") != 1:
        raise AccessRuleError(f"{source}: expected `version: 1`.")
    permissions = role_catalogue().permissions
    rules: dict[str, AccessRule] = {}
    for name, spec in (document.get("rules") or {}).items():
        if isinstance(spec, str):
            if spec not in ("public", "authenticated", "staff"):
                raise AccessRuleError(f"{source}: “{name}”: unknown rule “{spec}”.")
            rules[name] = AccessRule(spec)
            continue
        spec = spec or {}
        any_of = tuple(spec.get("any_of") or ())
        permission = spec.get("permission", "")
        for needed in (*any_of, *([permission] if permission or not any_of else [])):
            if needed not in permissions:
                raise AccessRuleError(f"{source}: “{name}” needs unknown permission “{needed}”.")
        rules[name] = AccessRule("permission", permission, spec.get("object", ""), any_of)
    return rules


@cache
def access_rules() -> dict[str, AccessRule]:
    return parse_access_rules(ACCESS_FILE.read_text(encoding="utf-8"), str(ACCESS_FILE))


def rule_for(view_name: str) -> AccessRule | None:
    rules = access_rules()
    if view_name in rules:
        return rules[view_name]
    namespace = view_name.split(":", 1)[0]
    return rules.get(f"{namespace}:*") if ":" in view_name else None


def _fail_closed() -> bool:
    return bool(getattr(settings, "ACCESS_RULES_FAIL_CLOSED", True))


class AccessRuleMiddleware:
    """Pages: refuse before the view runs when the rule does not allow the user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or request.path.startswith("/api/"):
            return None  # the API applies the same rules in RolePermission, after its own authentication
        if request.path.startswith(settings.STATIC_URL):
            return None
        rule = rule_for(match.view_name)
        if rule is None:
            if _fail_closed():
                raise PermissionDenied(_("This page has no access rule yet, so it is closed."))
            return None
        if rule.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("Your role does not give access to this page."))


class RolePermission(BasePermission):
    """API: the same table, after DRF has authenticated the token or session."""

    message = "Your role does not give access to this endpoint."

    def has_permission(self, request: Any, view: Any) -> bool:
        match = request.resolver_match
        rule = rule_for(match.view_name) if match else None
        if rule is None:
            return not _fail_closed() and bool(request.user and request.user.is_authenticated)
        return rule.allows(request.user)
