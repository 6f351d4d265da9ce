from django.urls import reverse_lazy

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .models import ImportRun
from .viewsets import ImportRecordsMenuItem, ImportRunPermissionPolicy, ImportRunViewSet

register_permission_policy(ImportRun, ImportRunPermissionPolicy(ImportRun))


@hooks.register("register_admin_viewset")
def register_import_history():
    return ImportRunViewSet()


@hooks.register(INVOLVEMENT_MENU_HOOK)
def register_import_records_menu_item():
    return ImportRecordsMenuItem(
        "Import records", reverse_lazy("importers:upload"), icon_name="upload", order=80
    )
