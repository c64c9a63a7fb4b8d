from __future__ import annotations


class BusinessRuleViolation(Exception):
    """A rule of the domain refused an action; the message is shown to the person as is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StaleVersion(BusinessRuleViolation):
    """Someone else changed the record since it was read; nothing was overwritten."""
