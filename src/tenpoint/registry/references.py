"""Human-readable references: short, unambiguous to read aloud, not guessable from order."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: references are read over a radio or a bad phone line.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str, length: int = 8) -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(length))
    return f"{prefix}-{body[:4]}-{body[4:]}"
