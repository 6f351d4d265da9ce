"""Who may see and run imports: one policy, given to the import views and the history viewset
on Wagtail 7 and registered with wagtail.permissions on Wagtail 8 (wagtail_hooks.py); and a
second for the saved column mappings, which belong to whoever may import."""

from django.contrib.auth import get_permission_codename, get_user_model

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import ColumnMapping, ImportRun


class ImportRunPermissionPolicy(ModelPermissionPolicy):
    """The history is a record of what happened: nobody adds, edits or deletes it here,
    superusers included."""

    READ_ONLY = {"add", "change", "delete"}

    def _get_permission_codename(self, action):
        # The custom permission is "run_import", not "run_import_importrun".
        if action == "run_import":
            return "run_import"
        return get_permission_codename(action, self.model._meta)

    # Wagtail 8 builds these two from _get_permission_codename; Wagtail 7 does not, so without
    # them it would check "importers.run_import_importrun", which nobody has.
    def _get_permission_codenames(self, actions):
        return {self._get_permission_codename(action) for action in actions}

    def _get_permission_name(self, action):
        return f"{self.app_label}.{self._get_permission_codename(action)}"

    def user_has_permission(self, user, action):
        return action not in self.READ_ONLY and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.READ_ONLY])


import_run_permission_policy = ImportRunPermissionPolicy(ImportRun)


class ColumnMappingPermissionPolicy(BasePermissionPolicy):
    """A saved mapping is part of importing: whoever may import may list, use, save and
    delete them. Nobody edits one in a form: they are saved from an import's column step."""

    # The column step saves them, checking the import permission itself; "add" here would
    # offer an add form that does not exist.
    ACTIONS = {"view", "delete"}

    def user_has_permission(self, user, action):
        return (
            action in self.ACTIONS
            and user.is_active
            and import_run_permission_policy.user_has_permission(user, "run_import")
        )

    def users_with_any_permission(self, actions):
        if not self.ACTIONS & set(actions):
            return get_user_model().objects.none()
        return import_run_permission_policy.users_with_any_permission(["run_import"])


column_mapping_permission_policy = ColumnMappingPermissionPolicy(ColumnMapping)
