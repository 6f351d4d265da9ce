from django.apps import AppConfig

from involvement_pages.roles import OFFICERS


class ImportersConfig(AppConfig):
    name = "importers"
    verbose_name = "Importers"
    default_auto_field = "django.db.models.BigAutoField"

    involvement_roles = {OFFICERS: ("run_import", "view_importrun")}
