from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import EDITORS, OFFICERS, crud


class OutcomesConfig(AppConfig):
    name = "involvement_pages.outcomes"
    label = "involvement_outcomes"
    verbose_name = _("You said, we did")
    default_auto_field = "django.db.models.BigAutoField"
    # Outcomes name groups and services, never residents: editors write the stories,
    # officers record what changed.
    involvement_roles = {EDITORS: crud("outcome"), OFFICERS: crud("outcome")}
    involvement_editor_pages = ("YouSaidWeDidPage",)

    def ready(self):
        # Connects the email to residents when an outcome is published.
        from . import telling  # noqa: F401
