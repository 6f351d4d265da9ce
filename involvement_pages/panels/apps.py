from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import OFFICERS, crud


class PanelsConfig(AppConfig):
    name = "involvement_pages.panels"
    label = "involvement_panels"
    verbose_name = _("Panels and residents' associations")
    default_auto_field = "django.db.models.BigAutoField"
    # Memberships and meetings name residents: officers keep them, editors see nothing.
    involvement_roles = {OFFICERS: crud("panel", "membership", "meeting")}
