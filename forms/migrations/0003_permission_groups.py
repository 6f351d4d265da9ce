"""The three staff roles and what each may reach.

- Communications editors: pages, images, documents and the menu's lists; no personal data.
- Involvement officers: the register and sign-ups (later: panels, grants and imports).
- Equality data: equality monitoring answers, and nothing else.

Permission rows are created here when missing, because Django only adds them after every
migration has run (post_migrate), and a fresh database reaches this migration first.
"""

from django.db import migrations

EDITORS = "Communications editors"
OFFICERS = "Involvement officers"
EQUALITY = "Equality data"

CRUD = ("add", "change", "delete", "view")
MENU_LISTS = ("landlord", "area", "servicearea", "supportoption", "audience", "participationformat")
PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ("add", "change", "choose"),
    ("wagtaildocs", "document"): ("add", "change", "choose"),
}

MODEL_PERMISSIONS = {
    EDITORS: [("involvement_pages", model, action) for model in MENU_LISTS for action in CRUD],
    OFFICERS: [
        *(("involvement_forms", "person", action) for action in CRUD),
        *(("involvement_forms", "signup", action) for action in CRUD),
        *(("involvement_forms", "registersubmission", a) for a in ("change", "delete", "view")),
    ],
    EQUALITY: [("involvement_forms", "equalitymonitoring", a) for a in ("delete", "view")],
}


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


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    admin_access = permission(apps, "wagtailadmin", "admin", "access")
    for name, rows in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access, *(permission(apps, *row) for row in rows))

    editors = Group.objects.get(name=EDITORS)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for action in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission(apps, "wagtailcore", "page", action)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for (app_label, model), actions in COLLECTION_PERMISSIONS.items():
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, action),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, OFFICERS, EQUALITY]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("involvement_forms", "0002_register_options"),
        ("involvement_pages", "0002_standard_audiences_and_formats"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
