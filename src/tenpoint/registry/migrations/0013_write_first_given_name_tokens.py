"""Write ``Person.first_given_name_token`` (0012) for everyone registered before it.

A chunk of people at a time, each chunk in a transaction of its own (one UPDATE per token of the
chunk, not per person), in a migration of its own with nothing else in it: a run stopped half way
is finished by running ``migrate`` again, which writes the same tokens. On PostgreSQL the person
table is then re-indexed and vacuumed, as 0010 does the keys' (``_rekeying._tidy_keys``): every
row was written again. Reversing does nothing (0012's reversal drops the column).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, transaction

from tenpoint.registry.migrations import _rekeying as rekeying

CHUNK = 5_000


def write_tokens(apps: Any, schema_editor: Any) -> None:
    from tenpoint.lib.names import first_given_name_token

    Person = apps.get_model("registry", "Person")
    max_length = Person._meta.get_field("first_given_name_token").max_length
    last = None
    while True:
        people = Person.objects.order_by("pk")
        if last is not None:
            people = people.filter(pk__gt=last)
        chunk = list(people.values_list("pk", "given_name", "father_name", "grandfather_name")[:CHUNK])
        if not chunk:
            break
        bearers: dict[str, list[Any]] = {}
        for pk, given, father, grandfather in chunk:
            token = first_given_name_token(given, father, grandfather)[:max_length]
            if token:
                bearers.setdefault(token, []).append(pk)
        with transaction.atomic():
            for token, pks in bearers.items():
                Person.objects.filter(pk__in=pks).update(first_given_name_token=token)
        last = chunk[-1][0]
    connection = schema_editor.connection if schema_editor else None
    if connection is not None and connection.vendor == "postgresql":
        rekeying._tidy_keys(connection, Person._meta.db_table)


class Migration(migrations.Migration):
    # Not one transaction: each chunk of people is its own, and PostgreSQL's VACUUM cannot run
    # inside one.
    atomic = False

    dependencies = [
        ("registry", "0012_person_first_given_name_token"),
    ]

    operations = [
        migrations.RunPython(write_tokens, migrations.RunPython.noop),
    ]
