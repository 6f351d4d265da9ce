"""What a calendar listing or feed says about an event and each of its dates.

Plain records and the sentences built from them, with no models, so the feeds, the
listings and the event page all share them without importing one another.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, ngettext

from involvement_pages.formats import time_range

from .choices import Booking, EventKind
from .recurrence import ChangeStatus

KIND_LABELS = dict(EventKind.choices)
BOOKING_LABELS = dict(Booking.choices)


def booking_text(booking, capacity):
    """How to get a place, in one sentence."""
    if booking == Booking.BOOKING_REQUIRED:
        if capacity:
            return ngettext(
                "Please book a place. There is %(capacity)s place.",
                "Please book a place. There are %(capacity)s places.",
                capacity,
            ) % {"capacity": capacity}
        return gettext("Please book a place.")
    if booking == Booking.INVITATION_ONLY:
        return gettext("By invitation only.")
    return gettext("Open to all: just come along.")


def where_text(venue_name, venue_town, location_details, online):
    """Where, in a few words, for lists and calendar apps."""
    place = f"{venue_name}, {venue_town}" if venue_name else location_details.strip()
    if online:
        return gettext("%(place)s, or online") % {"place": place} if place else gettext("Online")
    return place


def address_lines(address, town, postcode):
    """The address as the lines of an envelope."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    return [*lines, town, postcode]


@dataclass(frozen=True, slots=True)
class BookingForm:
    """The sign-up form residents book an event with, and its places.

    ``places_left`` is None where the form sets no limit."""

    url: str
    places_left: int | None = None
    waiting_list: bool = False

    @classmethod
    def counted(cls, url, capacity, taken, waiting_list):
        places_left = None if capacity is None else max(0, capacity - taken)
        return cls(url, places_left, waiting_list)

    @property
    def is_full(self):
        return self.places_left == 0


@dataclass(frozen=True, slots=True)
class EventSummary:
    """What a calendar listing or feed says about an event."""

    pk: int
    title: str
    summary: str
    kind_label: str
    booking_label: str
    booking_text: str
    where: str
    location: str
    timezone: str
    start_time: time
    stamp: datetime | None
    url: str
    booking_form: BookingForm | None = None
    end_time: time | None = None
    rrule: str = ""

    @classmethod
    def from_values(cls, values, url, places, booking_form=None):
        """``places``: the event's number of places, its form's where it has one."""
        where = where_text(
            values["venue__name"],
            values["venue__town"],
            values["location_details"],
            values["online"],
        )
        if values["venue__name"]:
            lines = address_lines(
                values["venue__address"], values["venue__town"], values["venue__postcode"]
            )
            location = ", ".join([values["venue__name"], *lines])
        else:
            location = where
        return cls(
            pk=values["pk"],
            title=values["title"],
            summary=values["summary"],
            kind_label=KIND_LABELS.get(values["kind"], ""),
            booking_label=BOOKING_LABELS.get(values["booking"], ""),
            booking_text=booking_text(values["booking"], places),
            where=where,
            location=location,
            timezone=values["timezone"],
            start_time=values["start_time"],
            stamp=values["last_published_at"],
            url=url,
            booking_form=booking_form,
            end_time=values["end_time"],
            rrule=values["rrule"],
        )

    @classmethod
    def from_page(cls, event, url):
        return cls(
            pk=event.pk,
            title=event.title,
            summary=event.summary,
            kind_label=event.get_kind_display(),
            booking_label=event.get_booking_display(),
            booking_text=event.booking_text,
            where=event.where,
            location=event.location_text,
            timezone=event.timezone,
            start_time=event.start_time,
            stamp=event.last_published_at,
            url=url,
            end_time=event.end_time,
            rrule=event.rrule,
        )


@dataclass(frozen=True, slots=True)
class CalendarDate(ChangeStatus):
    """One date of an event; its times are in the event's own zone."""

    event: EventSummary
    original_date: date
    local_start: datetime
    local_end: datetime
    status: str
    note: str

    @property
    def day(self):
        return self.local_start.date()

    @property
    def local_original_start(self):
        # Every date of a series starts at the event's start time; only a move changes it.
        return datetime.combine(self.original_date, self.event.start_time)

    @property
    def short_day(self):
        """'Tue 12', for the annual calendar's tables."""
        return format_date(self.local_start, "D j")

    @property
    def time_label(self):
        return time_range(self.local_start, self.local_end)


@dataclass(frozen=True, slots=True)
class Series:
    """Many dates of one event sent to calendar apps as a single repeating entry.

    ``rule`` is the event's rule without its end (COUNT or UNTIL); the entry runs from
    ``first_start`` to ``last_start`` (naive local, both dates of the series). ``changes``
    are its cancelled and moved dates, and ``left_out`` the original starts of dates moved
    outside the feed's window, which the entry must skip.
    """

    event: EventSummary
    rule: str
    first_start: datetime
    last_start: datetime
    changes: tuple
    left_out: tuple
