"""Venues: where events happen, and what a resident needs to know to get there and get in."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from ..records import address_lines

# (field, what a resident reads); the order is the order residents see them in.
ACCESS_FEATURES = (
    ("step_free", _("Step-free access")),
    ("lift", _("Lift")),
    ("hearing_loop", _("Hearing loop")),
    ("accessible_toilet", _("Accessible toilet")),
    ("changing_places", _("Changing Places toilet")),
    ("parking", _("Parking")),
    ("blue_badge_parking", _("Blue Badge parking")),
    ("baby_changing", _("Baby changing")),
    ("quiet_room", _("Quiet room")),
)


class Venue(index.Indexed, models.Model):
    """A meeting room, community centre or office used for events, with its access features."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("For example 'Riverside Community Centre'.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Short name used in demo data and imports."),
    )
    address = models.TextField(
        _("address"),
        help_text=_("Building and street, one per line. The town and postcode go below."),
    )
    town = models.CharField(_("town"), max_length=80)
    postcode = models.CharField(_("postcode"), max_length=10)
    step_free = models.BooleanField(
        _("step-free access"),
        default=False,
        help_text=_("No steps, or a ramp, from the street in."),
    )
    lift = models.BooleanField(_("lift"), default=False, help_text=_("A lift to the meeting room."))
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    changing_places = models.BooleanField(
        _("Changing Places toilet"), default=False, help_text=_("With a hoist and changing bench.")
    )
    parking = models.BooleanField(_("parking"), default=False)
    blue_badge_parking = models.BooleanField(_("Blue Badge parking"), default=False)
    baby_changing = models.BooleanField(_("baby changing"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    bus_routes = models.TextField(
        _("buses"),
        blank=True,
        help_text=_("Where the nearest buses stop and where they come from."),
    )
    notes = models.TextField(
        _("other things to know"),
        blank=True,
        help_text=_("For example how to find the room, or who will meet you at the door."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("town"), FieldPanel("postcode")],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in ACCESS_FEATURES],
            heading=_("Access"),
            help_text=_("Tick only what is true on the day; residents plan their journey on it."),
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
