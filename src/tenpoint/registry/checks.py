"""System checks of the registry's stored data (run by ``migrate`` and ``check --database default``)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import DatabaseError

from tenpoint.lib.names import KNOWN_NAMES_VERSION


@register(Tags.database)
def name_keys_follow_the_known_names(app_configs: Any = None, databases: Any = None,
                                     **kwargs: Any) -> list[CheckMessage]:
    """Warn when the stored name search keys were built with another version of the known names."""
    if not databases or "default" not in databases:
        return []
    from tenpoint.registry.selectors import name_keys_built_with

    try:
        built = name_keys_built_with()
    except DatabaseError:  # not migrated yet: migrate creates the row
        return []
    if built is None or built == KNOWN_NAMES_VERSION:
        return []
    return [Warning(
        f"The name search keys were built with version {built} of the known names; "
        f"lib/known_names.yaml is version {KNOWN_NAMES_VERSION}. People registered before the change are "
        "not found by the spellings it added until their keys are written again.",
        hint="Run `tenpoint name-keys rebuild` (it can be stopped and run again).",
        id="registry.W001")]
