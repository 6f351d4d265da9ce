from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import EDITORS, OFFICERS, crud


class ActionPlansConfig(AppConfig):
    name = "involvement_pages.action_plans"
    label = "involvement_action_plans"
    verbose_name = _("Action plans")
    default_auto_field = "django.db.models.BigAutoField"
    # Plans name no residents: editors, who publish progress, may see and correct them;
    # officers, who own the plan, add and remove plans too.
    involvement_roles = {
        OFFICERS: crud("actionplan", "planaction"),
        EDITORS: crud("actionplan", "planaction", actions=("change", "view")),
    }
    involvement_editor_pages = ("ActionPlanIndexPage",)
