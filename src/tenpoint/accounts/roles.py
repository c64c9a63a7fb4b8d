"""Roles as data: loaded from roles.yaml and validated at load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROLES_FILE = Path(__file__).with_name("roles.yaml")


class RoleDefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Role:
    slug: str
    labels: dict[str, str]
    permissions: frozenset[str]
    sensitive_categories: frozenset[str] = frozenset()

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class RoleCatalogue:
    permissions: dict[str, str]
    roles: dict[str, Role]
    sensitive_categories: tuple[str, ...] = ()

    def get(self, slug: str) -> Role:
        try:
            return self.roles[slug]
        except KeyError:
            raise RoleDefinitionError(f"Unknown role “{slug}”.") from None


def parse_roles(text: str, source: str = "roles.yaml") -> RoleCatalogue:
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or document.get("version") != 1:
        raise RoleDefinitionError(f"{source}: expected a mapping with `version: 1`.")
    permissions = document.get("permissions") or {}
    categories = tuple(document.get("sensitive_categories") or ())
    roles: dict[str, Role] = {}
    for slug, spec in (document.get("roles") or {}).items():
        labels = spec.get("label") or {}
        if "en" not in labels:
            raise RoleDefinitionError(f"{source}: role “{slug}” has no English label.")
        unknown = [p for p in spec.get("permissions", []) if p not in permissions]
        if unknown:
            raise RoleDefinitionError(
                f"{source}: role “{slug}” grants unknown permission(s): {', '.join(unknown)}."
            )
        unknown_categories = [c for c in spec.get("sensitive_categories", []) if c not in categories]
        if unknown_categories:
            raise RoleDefinitionError(
                f"{source}: role “{slug}” lists unknown sensitive categories: {', '.join(unknown_categories)}."
            )
        roles[slug] = Role(slug, dict(labels), frozenset(spec.get("permissions", [])),
                           frozenset(spec.get("sensitive_categories", [])))
    if not roles:
        raise RoleDefinitionError(f"{source}: no roles defined.")
    return RoleCatalogue(permissions=dict(permissions), roles=roles, sensitive_categories=categories)


@cache
def role_catalogue() -> RoleCatalogue:
    return parse_roles(ROLES_FILE.read_text(encoding="utf-8"), str(ROLES_FILE))


def role_choices() -> list[tuple[str, str]]:
    return [(slug, role.labels["en"]) for slug, role in role_catalogue().roles.items()]
