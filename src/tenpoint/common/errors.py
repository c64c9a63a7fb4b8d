from __future__ import annotations


class BusinessRuleViolation(Exception):
    """A rule of the domain refused an action; the message is shown to the person as is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
