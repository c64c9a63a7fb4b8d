"""Model fields shared by apps."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.db import models

from tenpoint.lib.fieldcrypto import FieldCipher


@cache
def _cipher(keys: tuple[str, ...]) -> FieldCipher:
    return FieldCipher(keys)


def field_cipher() -> FieldCipher:
    return _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS))


class EncryptedTextField(models.TextField):
    """Text encrypted at rest. Not searchable or orderable by the database, on purpose."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return field_cipher().encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return field_cipher().decrypt(value)
