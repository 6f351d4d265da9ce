"""Fixed vocabularies of involvement, from the seeds' ladder and pyramid."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """WNWHL's ladder of involvement, lowest rung first."""

    RECEIVING_INFORMATION = "receiving_information", _("Receiving information")
    GIVING_VIEWS = "giving_views", _("Giving views")
    INFLUENCING_DECISIONS = "influencing_decisions", _("Influencing decisions")
    MAKING_DECISIONS = "making_decisions", _("Making decisions")


LEVEL_DESCRIPTIONS = {
    Level.RECEIVING_INFORMATION: _("Find out what is happening, in the way that suits you."),
    Level.GIVING_VIEWS: _("Tell us what you think, once or now and then."),
    Level.INFLUENCING_DECISIONS: _("Work with us to shape services before decisions are made."),
    Level.MAKING_DECISIONS: _("Take part in making decisions and hold us to account."),
}


class Tier(models.TextChoices):
    """Paradigm's Involvement Pyramid."""

    STRATEGIC = "strategic", _("Strategic")
    OPERATIONAL = "operational", _("Operational")
    LOCAL = "local", _("Local")


class Commitment(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    OCCASIONAL = "occasional", _("Now and then")
    REGULAR = "regular", _("Regular")


class OpportunityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FULL = "full", _("Full")
    COMING_SOON = "coming_soon", _("Coming soon")
    CLOSED = "closed", _("Closed")
