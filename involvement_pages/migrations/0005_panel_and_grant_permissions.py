"""Involvement officers keep panels, memberships, meetings, funds and grant applications.

Communications editors get nothing here: memberships, meeting attendees and applicants are
residents' personal data. Permission rows are created when missing, because Django adds
them only after every migration has run (post_migrate), and a fresh database gets here first.
"""

from django.db import migrations

OFFICERS = "Involvement officers"
MODELS = ("panel", "membership", "meeting", "grantfund", "grantapplication")
ACTIONS = ("add", "change", "delete", "view")


def permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    try:
        label = apps.get_model(app_label, model)._meta.verbose_name
    except LookupError:  # wagtailadmin's "admin" has no model
        label = model
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {label}"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access"),
        *(permission(apps, "involvement_pages", m, a) for m in MODELS for a in ACTIONS),
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    officers = Group.objects.filter(name=OFFICERS).first()
    if officers:
        officers.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="involvement_pages", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("involvement_pages", "0004_panels_and_grants"),
        ("involvement_forms", "0003_permission_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
