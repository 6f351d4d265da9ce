from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import OFFICERS, crud


class BudgetConfig(AppConfig):
    name = "involvement_pages.budget"
    label = "involvement_budget"
    verbose_name = _("Involvement budget")
    default_auto_field = "django.db.models.BigAutoField"
    involvement_roles = {OFFICERS: crud("budget")}
