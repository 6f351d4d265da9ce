"""Making the staff groups from what every installed app declares for each role.

A plugin's migration must never grant rights on a host's pages, so the groups are made by
``manage.py setup_involvement_groups``, which a host runs when it chooses. Editors get
rights on the sections apps name for them (the menu, the calendar), never on the root.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .roles import EDITORS, EQUALITY, OFFICERS

PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
MEDIA_ACTIONS = ("add", "change", "choose")
# Editors put pictures and files on pages; officers attach reports and evidence to scrutiny
# reviews and outcomes, and need the document chooser for it.
COLLECTION_MODELS = {
    EDITORS: (("wagtailimages", "image"), ("wagtaildocs", "document")),
    OFFICERS: (("wagtaildocs", "document"),),
}


def declared_roles():
    """{group name: [(app label, codename), ...]} from every installed app that declares some."""
    roles = {EDITORS: [], OFFICERS: [], EQUALITY: []}
    for config in apps.get_app_configs():
        for group, codenames in getattr(config, "involvement_roles", {}).items():
            roles[group] += [(config.label, codename) for codename in codenames]
    return roles


def editor_pages():
    """The sections editors look after: every page of a type an app names for them."""
    pages = []
    for config in apps.get_app_configs():
        for model_name in getattr(config, "involvement_editor_pages", ()):
            pages += config.get_model(model_name).objects.all()
    return pages


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def setup_groups():
    """Create the groups and add what is missing; returns a line for each change made."""
    changes = []
    admin_access = _permission("wagtailadmin", "access_admin")
    for name, rows in declared_roles().items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            changes.append(f"Created the group '{name}'.")
        wanted = {admin_access, *(_permission(*row) for row in rows)}
        missing = wanted - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)
            changes.append(f"'{name}': {len(missing)} permissions added.")
    editors = Group.objects.get(name=EDITORS)
    page_type = ContentType.objects.get_for_model(Page)
    for page in editor_pages():
        added = [
            action
            for action in PAGE_ACTIONS
            if GroupPagePermission.objects.get_or_create(
                group=editors,
                page=page,
                permission=Permission.objects.get(
                    content_type=page_type, codename=f"{action}_page"
                ),
            )[1]
        ]
        if added:
            changes.append(f"'{EDITORS}' may {', '.join(added)} '{page.title}' and pages under it.")
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name, models in COLLECTION_MODELS.items():
            group = Group.objects.get(name=name)
            for app_label, model in models:
                added = [
                    action
                    for action in MEDIA_ACTIONS
                    if GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(app_label, f"{action}_{model}"),
                    )[1]
                ]
                if added:
                    changes.append(f"'{name}' may {', '.join(added)} {model}s.")
    return changes
