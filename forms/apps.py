from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "involvement_forms"
    verbose_name = "Sign-up forms and register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
