"""Human-readable references: short, unambiguous to read aloud, not guessable from order."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: references are read over a radio or a bad phone line.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str, length: int = 8) -> str:
    # One call to the system's random source per reference (imports make 100,000 at once); the
    # modulo bias over 31 letters from 256 values is negligible for a reference, not a secret.
    body = "".join(_ALPHABET[byte % len(_ALPHABET)] for byte in secrets.token_bytes(length))
    return f"{prefix}-{body[:4]}-{body[4:]}"
