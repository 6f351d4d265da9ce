from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .roles import EDITORS, crud


class InvolvementPagesConfig(AppConfig):
    name = "involvement_pages"
    verbose_name = _("Involvement pages")
    default_auto_field = "django.db.models.BigAutoField"
    # What each staff role may do here; ``manage.py setup_involvement_groups`` reads it.
    involvement_roles = {
        EDITORS: (
            *crud(
                "landlord",
                "area",
                "servicearea",
                "supportoption",
                "audience",
                "participationformat",
            ),
            "change_contactdetails",  # the site setting: the footer's and emails' contact details
        ),
    }
    involvement_editor_pages = ("InvolvementMenuPage",)

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            page_cache_signals,  # noqa: F401  (passes over cached pages on changes)
        )
