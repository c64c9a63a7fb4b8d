"""Re-key stored name search keys after ``names.normalise_name`` began to romanise Arabic script as
clerks do (علي was "ly", now "aly", whose key "al" is Ali's) and three Ge'ez series (እ, ኸ, ኘ).

Only people with a name, or an alias, written in Arabic or Ethiopic letters can change: they are
found first, then each is re-keyed from all their names (services._search_keys, as it was when
this migration was written): a person whose keys differ gets them written again whole, with their
birth year. Reversing does nothing: the old keys never met the Latin spellings of the same names.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

from tenpoint.lib.names import name_keys

CHUNK = 2_000
NAME_FIELDS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name",
               "name_in_original_script")
# Arabic (with the Persian and Urdu letters) and Ethiopic, with its supplement and extensions.
WRITTEN_IN_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")


def people_written_in_script(apps: Any) -> list[Any]:
    Person = apps.get_model("registry", "Person")
    PersonAlias = apps.get_model("registry", "PersonAlias")
    found = {pk for pk, *names in Person.objects.values_list("pk", *NAME_FIELDS).iterator(chunk_size=5_000)
             if any(name and WRITTEN_IN_SCRIPT.search(name) for name in names)}
    found |= {person for person, name in PersonAlias.objects.values_list("person_id", "name").iterator(chunk_size=5_000)
              if WRITTEN_IN_SCRIPT.search(name)}
    return sorted(found, key=str)


def rekey(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("registry", "Person")
    PersonAlias = apps.get_model("registry", "PersonAlias")
    PersonNameKey = apps.get_model("registry", "PersonNameKey")
    wanted_people = people_written_in_script(apps)
    for start in range(0, len(wanted_people), CHUNK):
        ids = wanted_people[start:start + CHUNK]
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
        PersonNameKey.objects.filter(person_id__in=changed).delete()
        PersonNameKey.objects.bulk_create(keys, batch_size=5_000)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0008_pending_import_checked_in_background"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
