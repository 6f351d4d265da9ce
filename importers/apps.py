from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "importers"
    verbose_name = "Importers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import ImportRun
        from .viewsets import ImportRunPermissionPolicy

        register_permission_policy(ImportRun, ImportRunPermissionPolicy(ImportRun))
