"""Writing the stored name search keys again after the rules that make them changed (migrations
0004, 0009, 0010). Not a migration: Django skips a module whose name begins with an underscore.

The keys are computed with ``names.name_keys`` as it is when the migration runs, which is what
the registry writes from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from tenpoint.lib.names import name_keys

CHUNK = 2_000
NAME_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
               "name_in_original_script")


def people_with_a_name(apps: Any, may_change: Callable[[str], bool]) -> list[Any]:
    """The people any of whose names, or aliases, ``may_change`` says yes to; sorted."""
    Person = apps.get_model("registry", "Person")
    PersonAlias = apps.get_model("registry", "PersonAlias")
    found = {pk for pk, *names in Person.objects.values_list("pk", *NAME_FIELDS).iterator(chunk_size=5_000)
             if any(name and may_change(name) for name in names)}
    found |= {person for person, name in PersonAlias.objects.values_list("person_id", "name").iterator(chunk_size=5_000)
              if may_change(name)}
    return sorted(found, key=str)


def rekey_people(apps: Any, people: list[Any], connection: Any = None,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Each person re-keyed from all their names; one whose keys differ gets them written again whole,
    with their birth year. Returns how many were; ``progress`` hears (people done, people) a chunk
    at a time.

    Each chunk is written in a transaction of its own where the migration has none (0010): a run
    stopped half way leaves every person with whole keys, and running it again finishes the rest.
    Then, on PostgreSQL (``connection``, the migration's), the keys' table is tidied
    (``_tidy_keys``).
    """
    Person = apps.get_model("registry", "Person")
    PersonAlias = apps.get_model("registry", "PersonAlias")
    PersonNameKey = apps.get_model("registry", "PersonNameKey")
    written = 0
    for start in range(0, len(people), CHUNK):
        ids = people[start:start + CHUNK]
        aliases: dict[Any, list[str]] = {}
        for person_id, name in PersonAlias.objects.filter(person_id__in=ids).values_list("person_id", "name"):
            aliases.setdefault(person_id, []).append(name)
        stored: dict[Any, set[str]] = {}
        for person_id, key in PersonNameKey.objects.filter(person_id__in=ids).values_list("person_id", "key"):
            stored.setdefault(person_id, set()).add(key)
        changed: list[Any] = []
        keys = []
        for person_id, birth_date, *names in Person.objects.filter(pk__in=ids).values_list(
                "pk", "birth_date", *NAME_FIELDS):
            wanted = name_keys(*names, *aliases.get(person_id, []))
            if wanted != stored.get(person_id, set()):
                changed.append(person_id)
                keys += [PersonNameKey(person_id=person_id, key=key, birth_year=birth_date.year if birth_date else None)
                         for key in sorted(wanted)]
        # A changed person's keys are written again whole: one DELETE a chunk, not one a stale key
        # (at a million people, 185,052 of them with a name in script).
        with transaction.atomic():
            PersonNameKey.objects.filter(person_id__in=changed).delete()
            PersonNameKey.objects.bulk_create(keys, batch_size=5_000)
        written += len(changed)
        if progress is not None:
            progress(start + len(ids), len(people))
    if written and connection is not None and connection.vendor == "postgresql":
        _tidy_keys(connection, PersonNameKey._meta.db_table)
    return written


def _tidy_keys(connection: Any, table: str) -> None:
    """Rebuild the keys' index and read its statistics again; outside a transaction, vacuum too.

    Measured at a million people after 0010 re-keyed those whose names may change (299,708): the
    registration check's p95 was 471 ms on the stale statistics, 180 ms with the index rebuilt and
    analysed (the rewritten pages are no longer marked all-visible, and the check's index-only
    scans go to the table for every row), 79–98 ms vacuumed, as before the migration (72–129 ms in
    runs of the code before; benchmarks/RESULTS.md).
    """
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"REINDEX TABLE {quoted}")
        cursor.execute(f"ANALYZE {quoted}" if connection.in_atomic_block else f"VACUUM ANALYZE {quoted}")
