from django.apps import AppConfig


class InvolvementPagesConfig(AppConfig):
    name = "involvement_pages"
    verbose_name = "Involvement pages"
    default_auto_field = "django.db.models.BigAutoField"
