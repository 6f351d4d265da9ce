"""Reading stored dates for the calendar pages and feeds, fast at any size.

A year of a large landlord's calendar holds thousands of dates. Building a page model for
each would take seconds, so dates and their events are read as plain values, two queries
for any number, into the small records below that templates and feeds use.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from .events import Booking, EventKind, EventPage, booking_text, where_text
from .formats import time_range
from .recurrence import CANCELLED, MOVED
from .venues import address_lines

EVENT_FIELDS = (
    "pk",
    "title",
    "slug",
    "summary",
    "kind",
    "booking",
    "capacity",
    "location_details",
    "online",
    "timezone",
    "start_time",
    "last_published_at",
    "venue__name",
    "venue__address",
    "venue__town",
    "venue__postcode",
)
DATE_FIELDS = ("event_id", "original_date", "start", "end", "status", "note")
KIND_LABELS = dict(EventKind.choices)
BOOKING_LABELS = dict(Booking.choices)


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

    @classmethod
    def from_values(cls, values, url):
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
            booking_text=booking_text(values["booking"], values["capacity"]),
            where=where,
            location=location,
            timezone=values["timezone"],
            start_time=values["start_time"],
            stamp=values["last_published_at"],
            url=url,
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
        )


@dataclass(frozen=True, slots=True)
class CalendarDate:
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
        return f"{self.local_start:%a} {self.local_start.day}"

    @property
    def time_label(self):
        return time_range(self.local_start, self.local_end)

    @property
    def cancelled(self):
        return self.status == CANCELLED

    @property
    def moved(self):
        return self.status == MOVED


def date_rows(dates):
    """The values ``load_dates`` reads, for a queryset of EventOccurrence."""
    return dates.values_list(*DATE_FIELDS)


def load_dates(rows, base_url):
    """``rows`` from ``date_rows`` as CalendarDate records, in the same order.

    Events are children of the calendar, so ``base_url`` plus the slug is each address.
    """
    rows = list(rows)
    if not rows:
        return []
    ids = {row[0] for row in rows}
    events = {
        values["pk"]: EventSummary.from_values(values, f"{base_url}{values['slug']}/")
        for values in EventPage.objects.filter(pk__in=ids).values(*EVENT_FIELDS)
    }
    zones = {name: ZoneInfo(name) for name in {event.timezone for event in events.values()}}
    records = []
    for event_id, original_date, start, end, status, note in rows:
        event = events[event_id]
        zone = zones[event.timezone]
        records.append(
            CalendarDate(
                event, original_date, start.astimezone(zone), end.astimezone(zone), status, note
            )
        )
    return records
