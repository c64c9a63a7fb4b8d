"""Re-key stored name search keys after ``names.name_skeleton`` began to leave out the Somali ʿayn
written c inside a name (Saciid, Jaamac, Ismaaciil: Said, Jama, Ismail), to read an initial y
before a vowel as j (Yorman / Jorman, Yohannes / Johannes) and a final g after a vowel as the
Sudanese q (Tarig / Tariq), and ``names.normalise_name`` to read an initial ي or ይ of a name in
script as that y (يوسف: Yusuf's key); and ``names.name_keys`` to give a spelling of a known name
the known name's key too (Chad's Mahamat, also keyed as Mohamed).

Only people with such a name, or alias, can change: a word beginning with y, a c in a word that
writes a long vowel twice, a word ending in a vowel and g, Mahamat, or a name in Arabic or
Ethiopic letters. They are found first, then each is re-keyed from all their names, as 0009 does: a person
whose keys differ gets them written again whole, with their birth year. Reversing does nothing:
the old keys never met the other spellings.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

from tenpoint.registry.migrations import _rekeying as rekeying

MAY_CHANGE = re.compile(
    r"(?i)(?:^|[^a-z])y|[aeiouáéíóú]g\b|[\u0600-\u06ff\u0750-\u077f\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")
LONG_VOWEL = re.compile("(?i)aa|ee|ii|oo|uu")
# Known names listed with this migration whose skeleton is not the known name's: they get its key too.
NEW_KNOWN_SPELLINGS = re.compile(r"(?i)\bmahamat\b")


def name_may_change(name: str) -> bool:
    return bool(MAY_CHANGE.search(name) or ("c" in name.lower() and LONG_VOWEL.search(name))
                or NEW_KNOWN_SPELLINGS.search(name))


def rekey(apps: Any, schema_editor: Any) -> None:
    people = rekeying.people_with_a_name(apps, name_may_change)
    rekeying.rekey_people(apps, people, schema_editor.connection if schema_editor else None)


class Migration(migrations.Migration):
    # Not one transaction: each chunk of people is its own (``_rekeying``), and PostgreSQL's VACUUM
    # of the rewritten keys cannot run inside one.
    atomic = False

    dependencies = [
        ("registry", "0009_rekey_names_written_in_arabic_and_geez"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
