"""Encryption of sensitive fields at rest, with key rotation. Pure Python (no Django).

Keys are Fernet keys (AES-128-CBC + HMAC-SHA256, authenticated). The first key encrypts; every
key decrypts, so an operator rotates by putting a new key first, running the re-encryption
command, then removing the old key. Ciphertexts carry a prefix so plain values written before
encryption was switched on are recognised and re-encrypted, never mistaken for ciphertext.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

PREFIX = "enc1:"
BYTES_PREFIX = PREFIX.encode("ascii")


class FieldKeyError(ValueError):
    pass


def generate_key() -> str:
    return Fernet.generate_key().decode()


class FieldCipher:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise FieldKeyError("No field-encryption key is configured (TENPOINT_FIELD_KEYS).")
        try:
            self._fernets = [Fernet(key.encode() if isinstance(key, str) else key) for key in keys]
        except (ValueError, TypeError) as error:
            raise FieldKeyError(f"A field-encryption key is malformed: {error}") from None
        self._multi = MultiFernet(self._fernets)

    def encrypt(self, plaintext: str) -> str:
        return PREFIX + self._multi.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # written before encryption: readable, re-encrypted on rotation
        try:
            return self._multi.decrypt(stored[len(PREFIX):].encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise FieldKeyError("A sensitive value cannot be decrypted with any configured key.") from None

    def rotate(self, stored: str) -> str:
        """Re-encrypt with the first (current) key."""
        if not stored.startswith(PREFIX):
            return self.encrypt(stored)
        token = stored[len(PREFIX):].encode("ascii")
        try:
            return PREFIX + self._multi.rotate(token).decode("ascii")
        except InvalidToken:
            raise FieldKeyError("A sensitive value cannot be decrypted with any configured key.") from None

    # Files (photos): the same keys and tokens, as bytes.

    def encrypt_bytes(self, plain: bytes) -> bytes:
        return BYTES_PREFIX + self._multi.encrypt(plain)

    def decrypt_bytes(self, stored: bytes) -> bytes:
        if not stored.startswith(BYTES_PREFIX):
            return stored  # written before encryption: readable, encrypted on rotation
        try:
            return self._multi.decrypt(stored[len(BYTES_PREFIX):])
        except InvalidToken:
            raise FieldKeyError("An encrypted file cannot be decrypted with any configured key.") from None

    def rotate_bytes(self, stored: bytes) -> bytes:
        """Re-encrypt with the first (current) key; a file written before encryption is encrypted."""
        if not stored.startswith(BYTES_PREFIX):
            return self.encrypt_bytes(stored)
        try:
            return BYTES_PREFIX + self._multi.rotate(stored[len(BYTES_PREFIX):])
        except InvalidToken:
            raise FieldKeyError("An encrypted file cannot be decrypted with any configured key.") from None
