"""Reading stored dates for the calendar pages and feeds, fast at any size.

A year of a large landlord's calendar holds thousands of dates. Building a page model for
each would take seconds, so dates and their events are read as plain values, two queries
for any number, into the small records of ``records.py`` that templates and feeds use.
"""

from zoneinfo import ZoneInfo

from .bookings import BOOKING_FIELDS, booking_from_values, with_booking_values
from .models.events import EventPage
from .records import CalendarDate, EventSummary

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
    "end_time",
    "rrule",
    "last_published_at",
    "venue__name",
    "venue__address",
    "venue__town",
    "venue__postcode",
)
DATE_FIELDS = ("event_id", "original_date", "start", "end", "status", "note")


def date_rows(dates):
    """The values ``load_dates`` reads, for a queryset of EventOccurrence."""
    return dates.values_list(*DATE_FIELDS)


def load_events(ids, base_url):
    """{pk: EventSummary} for the events with these keys, in one query."""
    events = {}
    query = with_booking_values(EventPage.objects.filter(pk__in=ids))
    for values in query.values(*EVENT_FIELDS, *BOOKING_FIELDS):
        places, booking_form = booking_from_values(values)
        url = f"{base_url}{values['slug']}/"
        events[values["pk"]] = EventSummary.from_values(values, url, places, booking_form)
    return events


def load_dates(rows, base_url, events=None):
    """``rows`` from ``date_rows`` as CalendarDate records, in the same order.

    Events are children of the calendar, so ``base_url`` plus the slug is each address;
    ``events`` from ``load_events``, when the caller has them already, saves a query.
    """
    rows = list(rows)
    if not rows:
        return []
    if events is None:
        events = load_events({row[0] for row in rows}, base_url)
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
