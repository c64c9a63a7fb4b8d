"""Human-readable references: short, unambiguous to read aloud, not guessable from order."""

from __future__ import annotations

import secrets

from django.db import models

# No 0/O, 1/I/L: references are read over a radio or a bad phone line.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str, length: int = 8) -> str:
    # One call to the system's random source per reference (imports make 100,000 at once); the
    # modulo bias over 31 letters from 256 values is negligible for a reference, not a secret.
    body = "".join(_ALPHABET[byte % len(_ALPHABET)] for byte in secrets.token_bytes(length))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def unused_reference(prefix: str, model: type[models.Model]) -> str:
    """A new reference that no record of ``model`` (its ``reference`` field) bears yet.

    31^8 references: among a million arrivals or referrals a new draw meets an old one about once
    in 850,000 draws, and the unique constraint would turn that into an error page."""
    while True:
        reference = new_reference(prefix)
        if not model._default_manager.filter(reference=reference).exists():
            return reference
