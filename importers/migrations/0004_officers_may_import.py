"""Involvement officers may import records and see the import history.

Permission rows are created here when missing, as in involvement_forms' 0003: Django only
adds them after every migration has run, and a fresh database reaches this one first.
"""

from django.db import migrations

OFFICERS = "Involvement officers"
ACTIONS = {"run_import": "Can import legacy records", "view_importrun": "Can view import"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="importers", model="importrun")
    group, _ = Group.objects.get_or_create(name=OFFICERS)
    for codename, name in ACTIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=OFFICERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="importers", codename__in=list(ACTIONS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("importers", "0003_cancelled_outcome"),
        ("involvement_forms", "0003_permission_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
