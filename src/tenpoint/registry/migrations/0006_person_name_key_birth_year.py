"""The person's birth year kept with their search keys, filled for the keys already stored, before
the (key, year) index is built (filling an indexed column would update the index row by row)."""

from typing import Any

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import ExtractYear


def fill_birth_years(apps: Any, schema_editor: Any) -> None:
    person = apps.get_model("registry", "Person")
    name_key = apps.get_model("registry", "PersonNameKey")
    year = person.objects.filter(uuid=OuterRef("person_id")).annotate(year=ExtractYear("birth_date")).values("year")[:1]
    name_key.objects.using(schema_editor.connection.alias).update(birth_year=Subquery(year))


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0005_photo_encrypted_at_rest"),
    ]

    operations = [
        migrations.AddField(
            model_name="personnamekey",
            name="birth_year",
            field=models.SmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(fill_birth_years, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="personnamekey",
            index=models.Index(fields=["key", "birth_year", "person"], name="registry_pnk_key_year"),
        ),
    ]
