from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import OFFICERS, crud


class ExpensesConfig(AppConfig):
    name = "involvement_pages.expenses"
    label = "involvement_expenses"
    verbose_name = _("Expenses")
    default_auto_field = "django.db.models.BigAutoField"
    # Claims name residents and hold their receipts: officers only, editors see nothing.
    involvement_roles = {OFFICERS: crud("expenseclaim")}

    def ready(self):
        from . import checks  # noqa: F401  (registers the private storage check)
