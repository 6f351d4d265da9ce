from django.urls import reverse_lazy

from wagtail import hooks

from forms.erasure import ERASURE_HOOK
from forms.retention import RETENTION_HOOK
from forms.subject_access import PERSON_DATA_HOOK
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .erasure import importers_erasure
from .models import ColumnMapping, ImportRun
from .permissions import column_mapping_permission_policy, import_run_permission_policy
from .personal_data import import_history_data
from .retention import import_copy_rules
from .viewsets import ColumnMappingViewSet, ImportRecordsMenuItem, ImportRunViewSet

try:
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7: the views and ImportRunViewSet name the policy themselves
    pass
else:
    register_permission_policy(ImportRun, import_run_permission_policy)
    register_permission_policy(ColumnMapping, column_mapping_permission_policy)


@hooks.register("register_admin_viewset")
def register_import_history():
    return ImportRunViewSet()


@hooks.register("register_admin_viewset")
def register_column_mappings():
    return ColumnMappingViewSet()


@hooks.register(INVOLVEMENT_MENU_HOOK)
def register_import_records_menu_item():
    return ImportRecordsMenuItem(
        "Import records", reverse_lazy("importers:upload"), icon_name="upload", order=80
    )


hooks.register(RETENTION_HOOK, import_copy_rules)
hooks.register(ERASURE_HOOK, importers_erasure)
hooks.register(PERSON_DATA_HOOK, import_history_data, order=90)
