from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from involvement_pages.roles import OFFICERS


class ConsultationsConfig(AppConfig):
    name = "involvement_pages.consultations"
    label = "involvement_consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"
    # Editors write and publish consultation pages (through the "Have your say" section);
    # the answers, free text and any names included, are for officers only.
    involvement_roles = {OFFICERS: ("view_consultationresponse", "delete_consultationresponse")}
    involvement_editor_pages = ("ConsultationIndexPage",)
