"""Keep each person's first given name token (``lib.names.first_given_name_token``) beside their
names, indexed with their organisation and sex: the registration check counts a name's bearers
by sex, where a record has no sex, to tell one name's forms for a brother and a sister. The
column only: 0013 writes it for the people registered before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

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
    ]
