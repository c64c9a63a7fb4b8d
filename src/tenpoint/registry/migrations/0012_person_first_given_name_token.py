"""Keep each person's first given name token (``lib.names.first_given_name_token``) beside their
names, indexed with their organisation and sex: the registration check counts a name's bearers
by sex, where a record has no sex, to tell one name's forms for a brother and a sister.

Written for everyone registered, a chunk at a time, each chunk in a transaction of its own (one
UPDATE per token of the chunk, not per person): a run stopped half way is finished by running it
again, which writes the same tokens. On PostgreSQL the person table is then re-indexed and
vacuumed, as 0010 does the keys' (``_rekeying._tidy_keys``): every row was written again. Reversing
drops the column.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models, transaction

from tenpoint.registry.migrations import _rekeying as rekeying

CHUNK = 5_000


def write_tokens(apps: Any, schema_editor: Any) -> None:
    from tenpoint.lib.names import first_given_name_token

    Person = apps.get_model("registry", "Person")
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
            token = first_given_name_token(given, father, grandfather)[:300]
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
    # Not one transaction: each chunk of people is its own.
    atomic = False

    dependencies = [
        ("registry", "0011_name_key_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="first_given_name_token",
            field=models.CharField(blank=True, default="", editable=False, max_length=300),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["owner_organisation", "first_given_name_token", "sex"],
                               name="registry_person_name_sex"),
        ),
        migrations.RunPython(write_tokens, migrations.RunPython.noop),
    ]
