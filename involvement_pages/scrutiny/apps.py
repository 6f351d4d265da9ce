from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import EDITORS, OFFICERS, crud


class ScrutinyConfig(AppConfig):
    name = "involvement_pages.scrutiny"
    label = "involvement_scrutiny"
    verbose_name = _("Scrutiny reviews")
    default_auto_field = "django.db.models.BigAutoField"
    # Reviews and recommendations name officers, not residents: editors, who publish what
    # became of each recommendation, may see and correct them; officers also add and remove.
    involvement_roles = {
        OFFICERS: crud("scrutinyreview", "recommendation"),
        EDITORS: crud("scrutinyreview", "recommendation", actions=("change", "view")),
    }
    involvement_editor_pages = ("ScrutinyReviewIndexPage",)
