from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import EDITORS, crud


class CalendarConfig(AppConfig):
    name = "involvement_pages.calendar"
    label = "involvement_calendar"
    verbose_name = _("Calendar of involvement")
    default_auto_field = "django.db.models.BigAutoField"
    involvement_roles = {EDITORS: crud("venue")}
    involvement_editor_pages = ("CalendarPage",)

    def ready(self):
        from . import signals  # noqa: F401  (empties the cached years and feeds on changes)
