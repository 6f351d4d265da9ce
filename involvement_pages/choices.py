"""Fixed vocabularies of involvement, from the seeds' ladder and pyramid."""

from django.db import models


class Level(models.TextChoices):
    """WNWHL's ladder of involvement, lowest rung first."""

    RECEIVING_INFORMATION = "receiving_information", "Receiving information"
    GIVING_VIEWS = "giving_views", "Giving views"
    INFLUENCING_DECISIONS = "influencing_decisions", "Influencing decisions"
    MAKING_DECISIONS = "making_decisions", "Making decisions"


LEVEL_DESCRIPTIONS = {
    Level.RECEIVING_INFORMATION: "Find out what is happening, in the way that suits you.",
    Level.GIVING_VIEWS: "Tell us what you think, once or now and then.",
    Level.INFLUENCING_DECISIONS: "Work with us to shape services before decisions are made.",
    Level.MAKING_DECISIONS: "Take part in making decisions and hold us to account.",
}


class Tier(models.TextChoices):
    """Paradigm's Involvement Pyramid."""

    STRATEGIC = "strategic", "Strategic"
    OPERATIONAL = "operational", "Operational"
    LOCAL = "local", "Local"


class Commitment(models.TextChoices):
    ONE_OFF = "one_off", "One-off"
    OCCASIONAL = "occasional", "Now and then"
    REGULAR = "regular", "Regular"


class OpportunityStatus(models.TextChoices):
    OPEN = "open", "Open"
    FULL = "full", "Full"
    COMING_SOON = "coming_soon", "Coming soon"
    CLOSED = "closed", "Closed"
