"""Date of birth (for age bands), mobile and landline apart, and an interpreter as a need.

Older registers hold each communication need as its own yes/no column; every one of them
needs an option to land on. 0002 has the rest; a spoken-language interpreter was missing.
"""

import forms.ages
from django.db import migrations, models


def add_interpreter(apps, schema_editor):
    need = apps.get_model("involvement_forms", "CommunicationNeed")
    need.objects.get_or_create(
        slug="interpreter", defaults={"name": "A spoken language interpreter", "sort_order": 7}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("involvement_forms", "0003_sign_up_form_reads_its_event"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="date_of_birth",
            field=models.DateField(
                blank=True,
                help_text="Only for monitoring which age groups take part. Day first, like 31/01/1960.",
                null=True,
                validators=[forms.ages.validate_date_of_birth],
                verbose_name="date of birth",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="landline",
            field=models.CharField(
                blank=True, db_index=True, max_length=20, verbose_name="landline"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="mobile",
            field=models.CharField(blank=True, db_index=True, max_length=20, verbose_name="mobile"),
        ),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="The number they gave us to reach them, landline or mobile.",
                max_length=20,
                verbose_name="phone",
            ),
        ),
        migrations.RunPython(add_interpreter, migrations.RunPython.noop),
    ]
