"""Who can take part and how: the standard lists every landlord starts with."""

from django.db import migrations

AUDIENCES = [
    ("tenants", "Tenants"),
    ("leaseholders", "Leaseholders"),
    ("shared-owners", "Shared owners"),
    ("household-members", "Household members"),
    ("young-people", "Young people aged 10 to 24"),
    ("housing-register", "People on the housing register"),
]
FORMATS = [
    ("in-person", "In person"),
    ("online", "Online"),
    ("phone", "By phone"),
    ("post", "By post"),
    ("text", "By text message"),
]


def add(apps, schema_editor):
    for model_name, rows in (("Audience", AUDIENCES), ("ParticipationFormat", FORMATS)):
        model = apps.get_model("involvement_pages", model_name)
        for slug, name in rows:
            model.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("involvement_pages", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
