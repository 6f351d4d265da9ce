"""Who may see and run imports: one policy, given to the import views and the history viewset
on Wagtail 7 and registered with wagtail.permissions on Wagtail 8 (wagtail_hooks.py)."""

from django.contrib.auth import get_permission_codename

from wagtail.permission_policies import ModelPermissionPolicy

from .models import ImportRun


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
