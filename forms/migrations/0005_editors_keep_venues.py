"""Communications editors keep the calendar's venues, as they keep the menu's other lists."""

from django.db import migrations

EDITORS = "Communications editors"
ACTIONS = ("add", "change", "delete", "view")


def permission(apps, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="involvement_pages", model="venue")
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_venue",
        defaults={"name": f"Can {action} venue"},
    )
    return found


def grant(apps, schema_editor):
    editors, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    editors.permissions.add(*(permission(apps, action) for action in ACTIONS))


def revoke(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if editors:
        editors.permissions.remove(*(permission(apps, action) for action in ACTIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("involvement_forms", "0004_person_plural_name"),
        ("involvement_pages", "0003_calendar"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
