"""Tampering with the audit log as only a database superuser can: on PostgreSQL the append-only
trigger (audit migration 0002) has to be bypassed first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def append_only_switched_off() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    # A superuser's way round triggers, for this session only.
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
