"""The fixed answers residents tick on the register: when, how, and what help they need."""

from django.db import migrations

OPTIONS = {
    "Availability": [
        ("daytime", "Daytime (weekdays)"),
        ("evenings", "Evenings"),
        ("weekends", "Weekends"),
    ],
    "WayToTakePart": [
        ("meetings", "Going to meetings"),
        ("online", "Online"),
        ("phone", "By phone"),
        ("post", "By post"),
        ("one-off-tasks", "One-off tasks, like a survey or an estate walkabout"),
    ],
    "CommunicationNeed": [
        ("another-language", "Another language"),
        ("large-print", "Large print"),
        ("easy-read", "Easy read"),
        ("braille", "Braille"),
        ("audio", "Audio"),
        ("bsl", "A British Sign Language interpreter"),
        ("hearing-loop", "A hearing loop"),
    ],
    "SupportNeed": [
        ("childcare", "Childcare, or help with its cost"),
        ("transport", "Transport, such as a taxi or travel costs"),
        ("access", "Step-free access or an accessible venue"),
        ("carer", "Someone to come with me, such as a carer"),
        ("digital", "Help to get online"),
    ],
}


def add(apps, schema_editor):
    for model_name, rows in OPTIONS.items():
        model = apps.get_model("involvement_forms", model_name)
        for order, (slug, name) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("involvement_forms", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
