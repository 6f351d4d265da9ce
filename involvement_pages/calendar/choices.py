"""The kinds of event and of booking, shared by the models, listings and feeds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    FORUM = "forum", _("Forum")
    ROADSHOW = "roadshow", _("Roadshow")
    TRAINING = "training", _("Training course")
    ESTATE_INSPECTION = "estate-inspection", _("Estate inspection")
    OPEN_DAY = "open-day", _("Open day")
    CONSULTATION = "consultation", _("Consultation")


class Booking(models.TextChoices):
    OPEN = "open", _("Open to all")
    BOOKING_REQUIRED = "booking_required", _("Booking needed")
    INVITATION_ONLY = "invitation_only", _("By invitation only")
