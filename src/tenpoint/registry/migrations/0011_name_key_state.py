"""Record the version of the known names (lib/known_names.yaml) the stored name search keys were
built with, so that a system check can say when the list has moved past them.

Where people are registered, their keys were last written by 0010, with version 1 of the list
(the version it had then): that is recorded, and if the file is already newer the check says so.
An empty register's keys will all be written with the list as it is now: its version is recorded.
"""

from typing import Any

from django.db import migrations, models

KEYS_OF_0010 = 1


def record_version(apps: Any, schema_editor: Any) -> None:
    from tenpoint.lib.names import KNOWN_NAMES_VERSION

    Person = apps.get_model("registry", "Person")
    NameKeyState = apps.get_model("registry", "NameKeyState")
    version = KEYS_OF_0010 if Person.objects.exists() else KNOWN_NAMES_VERSION
    NameKeyState.objects.update_or_create(id=1, defaults={"known_names_version": version})


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0010_rekey_somali_ayn_and_initial_y"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameKeyState",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("known_names_version", models.PositiveIntegerField()),
                ("rebuilt_at", models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.RunPython(record_version, migrations.RunPython.noop),
    ]
