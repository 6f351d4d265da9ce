"""Venues: where events happen, and what a resident needs to know to get there and get in."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from ..records import address_lines

# (field, what a resident reads); the order is the order residents see them in.
ACCESS_FEATURES = (
    ("step_free", "Step-free access"),
    ("lift", "Lift"),
    ("hearing_loop", "Hearing loop"),
    ("accessible_toilet", "Accessible toilet"),
    ("changing_places", "Changing Places toilet"),
    ("parking", "Parking"),
    ("blue_badge_parking", "Blue Badge parking"),
    ("baby_changing", "Baby changing"),
    ("quiet_room", "Quiet room"),
)


class Venue(index.Indexed, models.Model):
    """A meeting room, community centre or office used for events, with its access features."""

    name = models.CharField(max_length=120, help_text="For example 'Riverside Community Centre'.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Short name used in demo data and imports."
    )
    address = models.TextField(
        help_text="Building and street, one per line. The town and postcode go below."
    )
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=10)
    step_free = models.BooleanField(
        "step-free access", default=False, help_text="No steps, or a ramp, from the street in."
    )
    lift = models.BooleanField(default=False, help_text="A lift to the meeting room.")
    hearing_loop = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    changing_places = models.BooleanField(
        "Changing Places toilet", default=False, help_text="With a hoist and changing bench."
    )
    parking = models.BooleanField(default=False)
    blue_badge_parking = models.BooleanField("Blue Badge parking", default=False)
    baby_changing = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)
    bus_routes = models.TextField(
        "buses", blank=True, help_text="Where the nearest buses stop and where they come from."
    )
    notes = models.TextField(
        "other things to know",
        blank=True,
        help_text="For example how to find the room, or who will meet you at the door.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("town"), FieldPanel("postcode")], heading="Address"
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _ in ACCESS_FEATURES],
            heading="Access",
            help_text="Tick only what is true on the day; residents plan their journey on it.",
        ),
        FieldPanel("bus_routes"),
        FieldPanel("notes"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("town"),
        index.SearchField("postcode"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.town}"

    def clean(self):
        self.postcode = " ".join(self.postcode.upper().split())

    @property
    def address_lines(self):
        return address_lines(self.address, self.town, self.postcode)

    @property
    def access_features(self):
        """The plain-English names of the features this venue has."""
        return [label for name, label in ACCESS_FEATURES if getattr(self, name)]
