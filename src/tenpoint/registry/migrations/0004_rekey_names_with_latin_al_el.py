"""Re-key stored name search keys after ``names.name_tokens`` stopped reading the "Al"/"El" that
begins Spanish and French names (Alvarenga, Álvarez, Alberto) as a glued Arabic article.

Every person is re-keyed from the names the keys are built from (services._search_keys, as it was
when this migration was written): a stale key is removed, a missing one added. Only people with
such names change; the rest compare equal and are left alone. Reversing does nothing: the old
keys were a defect, not data.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from tenpoint.lib.names import name_keys

CHUNK = 2_000
NAME_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
               "name_in_original_script")


def rekey(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("registry", "Person")
    PersonAlias = apps.get_model("registry", "PersonAlias")
    PersonNameKey = apps.get_model("registry", "PersonNameKey")
    people = list(Person.objects.order_by("pk").values_list("pk", *NAME_FIELDS)[:CHUNK])
    while people:
        ids = [row[0] for row in people]
        aliases: dict[Any, list[str]] = {}
        for person_id, name in PersonAlias.objects.filter(person_id__in=ids).values_list("person_id", "name"):
            aliases.setdefault(person_id, []).append(name)
        stored: dict[Any, set[str]] = {}
        for person_id, key in PersonNameKey.objects.filter(person_id__in=ids).values_list("person_id", "key"):
            stored.setdefault(person_id, set()).add(key)
        stale: list[tuple[Any, str]] = []
        missing = []
        for person_id, *names in people:
            wanted = name_keys(*names, *aliases.get(person_id, []))
            have = stored.get(person_id, set())
            stale += [(person_id, key) for key in have - wanted]
            missing += [PersonNameKey(person_id=person_id, key=key) for key in sorted(wanted - have)]
        for person_id, key in stale:
            PersonNameKey.objects.filter(person_id=person_id, key=key).delete()
        PersonNameKey.objects.bulk_create(missing)
        people = list(Person.objects.filter(pk__gt=ids[-1]).order_by("pk").values_list("pk", *NAME_FIELDS)[:CHUNK])


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0003_alter_identitydocument_kind"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
