from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import OFFICERS, crud


class GrantsConfig(AppConfig):
    name = "involvement_pages.grants"
    label = "involvement_grants"
    verbose_name = _("Community grants")
    default_auto_field = "django.db.models.BigAutoField"
    involvement_roles = {OFFICERS: crud("grantfund", "grantround", "grantapplication")}
    involvement_editor_pages = ("GrantsAwardedPage",)
