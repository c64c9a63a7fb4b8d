"""Re-key stored name search keys after ``names.name_tokens`` stopped reading the "Al"/"El" that
begins Spanish and French names (Alvarenga, Álvarez, Alberto) as a glued Arabic article.

Every person is re-keyed from all their names (``_rekeying``): one whose keys differ gets them
written again whole, with their birth year. Only people with such names change; the rest compare
equal and are left alone. Reversing does nothing: the old keys were a defect, not data.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from tenpoint.registry.migrations import _rekeying as rekeying


def rekey(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("registry", "Person")
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    rekeying.rekey_people(apps, people, schema_editor.connection if schema_editor else None)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0003_alter_identitydocument_kind"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
