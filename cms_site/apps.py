from django.apps import AppConfig


class CmsSiteConfig(AppConfig):
    """The demo host: its home page, settings and the demo landlord group's content."""

    name = "cms_site"
    verbose_name = "Demo site"
    default_auto_field = "django.db.models.BigAutoField"
