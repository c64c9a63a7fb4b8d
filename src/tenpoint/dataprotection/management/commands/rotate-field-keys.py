from __future__ import annotations

import argparse
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from tenpoint.common.fields import EncryptedTextField, field_cipher
from tenpoint.lib.fieldcrypto import generate_key
from tenpoint.registry.services import encrypt_photos_again


class Command(BaseCommand):
    help = ("Re-encrypt every sensitive field and photo with the first key of TENPOINT_FIELD_KEYS "
            "(see README, Security model: key rotation). --new-key prints a fresh key.")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--new-key", action="store_true", help="Print a new key and do nothing else.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(generate_key())
            return
        cipher = field_cipher()
        rotated = 0
        # Every encrypted field of every app: sensitive notes, abuse reports and whatever comes next.
        encrypted = [(model, field) for model in apps.get_models() for field in model._meta.concrete_fields
                     if isinstance(field, EncryptedTextField)]
        # Raw SQL: read and write the stored ciphertext, bypassing the field's own conversion.
        with transaction.atomic(), connection.cursor() as cursor:
            for model, field in encrypted:
                table = connection.ops.quote_name(model._meta.db_table)
                column = connection.ops.quote_name(str(field.column))
                key_column = connection.ops.quote_name(str(model._meta.pk.column))
                cursor.execute(f"SELECT {key_column}, {column} FROM {table}")  # noqa: S608 - names from the models
                for key, stored in cursor.fetchall():
                    if not stored:
                        continue
                    with connection.cursor() as update:
                        update.execute(f"UPDATE {table} SET {column} = %s WHERE {key_column} = %s",  # noqa: S608
                                       [cipher.rotate(stored), key])
                    rotated += 1
        photos = encrypt_photos_again()
        self.stdout.write(f"Re-encrypted {rotated} sensitive value(s) and {photos} photo(s) with the current key.")
