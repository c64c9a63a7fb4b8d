"""Re-key stored name search keys after ``names.normalise_name`` began to romanise Arabic script as
clerks do (علي was "ly", now "aly", whose key "al" is Ali's) and three Ge'ez series (እ, ኸ, ኘ).

Only people with a name, or an alias, written in Arabic or Ethiopic letters can change: they are
found first, then each is re-keyed from all their names (``_rekeying``): a person whose keys differ
gets them written again whole, with their birth year. Reversing does nothing: the old keys never
met the Latin spellings of the same names.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

from tenpoint.registry.migrations import _rekeying as rekeying

# Arabic (with the Persian and Urdu letters) and Ethiopic, with its supplement and extensions.
WRITTEN_IN_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")


def people_written_in_script(apps: Any) -> list[Any]:
    return rekeying.people_with_a_name(apps, lambda name: bool(WRITTEN_IN_SCRIPT.search(name)))


def rekey(apps: Any, schema_editor: Any) -> None:
    people = people_written_in_script(apps)
    rekeying.rekey_people(apps, people, schema_editor.connection if schema_editor else None)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0008_pending_import_checked_in_background"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
