from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import OFFICERS, crud


class DashboardConfig(AppConfig):
    name = "involvement_pages.dashboard"
    label = "involvement_dashboard"
    verbose_name = _("Involvement dashboard")
    default_auto_field = "django.db.models.BigAutoField"
    involvement_roles = {OFFICERS: crud("customerprofile", "satisfactionwave")}
    involvement_editor_pages = ("AnnualReportPage",)
