"""The kinds of event and of booking, shared by the models, listings and feeds."""

from django.db import models


class EventKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    FORUM = "forum", "Forum"
    ROADSHOW = "roadshow", "Roadshow"
    TRAINING = "training", "Training course"
    ESTATE_INSPECTION = "estate-inspection", "Estate inspection"
    OPEN_DAY = "open-day", "Open day"
    CONSULTATION = "consultation", "Consultation"


class Booking(models.TextChoices):
    OPEN = "open", "Open to all"
    BOOKING_REQUIRED = "booking_required", "Booking needed"
    INVITATION_ONLY = "invitation_only", "By invitation only"
