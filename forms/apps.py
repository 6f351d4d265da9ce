from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import EDITORS, EQUALITY, OFFICERS, crud


class FormsConfig(AppConfig):
    name = "forms"
    label = "involvement_forms"
    verbose_name = _("Sign-up forms and register")
    default_auto_field = "django.db.models.BigAutoField"

    involvement_roles = {
        # Editors own the consent statement's wording (a site setting), never the answers.
        EDITORS: ("change_equalityconsent",),
        OFFICERS: (
            *crud("person", "signup"),
            *crud("registersubmission", actions=("change", "delete", "view")),
        ),
        EQUALITY: crud("equalitymonitoring", actions=("delete", "view")),
    }

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .models.pages import InvolvementFormPage
        from .views import EscapingSubmissionsListView

        # Wagtail's admin views cannot be imported while models load, so the form pages
        # learn their submissions list here, once the app registry is ready.
        InvolvementFormPage.submissions_list_view_class = EscapingSubmissionsListView
