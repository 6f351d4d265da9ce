"""iCalendar (RFC 5545) files: the calendar feed residents subscribe to, and one per event.

Every date is its own VEVENT whose UID never changes (the event and the date it was first
set for), so a moved meeting moves in residents' calendars instead of appearing twice, and
a cancelled one stays, marked ``STATUS:CANCELLED``. An event with many dates in a feed
can instead be one repeating VEVENT (``feed_contents.py`` says when), whose changed dates
are VEVENTs with its UID and the RECURRENCE-ID of the date they replace. Times are local
with ``TZID`` and a ``VTIMEZONE``, so 18:00 stays 18:00 in London across the clock changes.

icalendar makes the envelope and the VTIMEZONE. It builds about 2,000 events a second,
too slow for a year of a large landlord's calendar, so the VEVENT lines are written here,
each event's fixed lines once; the tests read every feed back with icalendar.
"""

from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Site

import icalendar

from involvement_pages.formats import govuk_date, govuk_time
from involvement_pages.links import absolute_url, configured_origin, is_local

from .records import EventSummary
from .recurrence import CANCELLED, MOVED

PRODID = "-//Wagtail involvement//Calendar of involvement//EN"
REFRESH = timedelta(hours=6)  # how often subscribed calendars should look for changes
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_response(body, filename):
    """A subscribable feed: ``body`` from ``render``."""
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_response(event, request):
    """Every date of one event, as a file to open in a calendar app."""

    summary = EventSummary.from_page(event, absolute_url(event, request))
    body = render(
        name=event.title,
        description=event.summary,
        items=[(summary, occurrence) for occurrence in event.occurrences()],
        host=uid_host(request),
    )
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def uid_host(request):
    """The site's own host name, so UIDs match however the feed was reached.

    While the Site record still names the server itself (Wagtail's first Site is
    localhost), the configured address or else the host asked for: UIDs must be unique the
    world over, and every landlord's untouched Site is "localhost"."""
    site = Site.find_for_request(request)
    host = urlsplit(configured_origin(site.root_url if site is not None else "")).hostname
    if not host or is_local(host):
        host = urlsplit(request.build_absolute_uri("/")).hostname
    return host


def render(*, name, description, items, host, series=()):
    """The iCalendar file of ``items``, (EventSummary, date) pairs, and of ``series``,
    repeating entries (``records.Series``), each in time order."""
    items = list(items)
    lines = {}
    now = timezone.now()

    def fixed(event):
        if event.pk not in lines:
            lines[event.pk] = _EventLines(event, host, now)
        return lines[event.pk]

    # Naive wall-clock times: the stored dates carry their zone, the event file's do not.
    starts = [when.local_start.replace(tzinfo=None) for _event, when in items]
    chunks = [
        (start, fixed(event).vevent(when))
        for start, (event, when) in zip(starts, items, strict=True)
    ]
    chunks += [(entry.first_start, fixed(entry.event).series(entry)) for entry in series]
    chunks.sort(key=lambda chunk: chunk[0])  # stable: dates of one moment keep their order
    zones = {event.timezone for event, _date in items} | {e.event.timezone for e in series}
    starts += [moment for entry in series for moment in (entry.first_start, entry.last_start)]
    head = _envelope(name, description, zones, starts).to_ical().decode()
    end = "END:VCALENDAR\r\n"
    return (head.removesuffix(end) + "".join(text for _start, text in chunks) + end).encode()


def _envelope(name, description, zones, starts):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    if description:
        cal.add("x-wr-caldesc", description)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")  # Outlook's older name for REFRESH-INTERVAL
    if len(zones) == 1:
        cal.add("x-wr-timezone", next(iter(zones)))
    first = min(starts, default=datetime.combine(timezone.now().date(), time()))
    # At least a year, so the zone always shows both clock changes.
    last = max([*starts, first + timedelta(days=366)])
    for zone in sorted(zones):
        cal.add_component(
            icalendar.Timezone.from_tzid(
                zone, first_date=first - timedelta(days=1), last_date=last + timedelta(days=2)
            )
        )
    return cal


class _EventLines:
    """An event's VEVENT lines that are the same on every date, folded once."""

    def __init__(self, event, host, now):
        self.pk = event.pk
        self.host = host
        self.tzid = f"TZID={event.timezone}"
        self.zone = ZoneInfo(event.timezone)
        day = date(2001, 1, 1)  # a day without a clock change: the length on the clock
        ends = datetime.combine(day, event.end_time or event.start_time)
        self.length = max(ends - datetime.combine(day, event.start_time), timedelta(0))
        self.url = event.url
        self.title = event.title
        self.about = f"{event.summary}\n\n{event.booking_text}"
        stamp = event.stamp or now
        self.stamp = _line("DTSTAMP", stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
        self.summary = _line("SUMMARY", _text(event.title))
        self.description = self._description("")
        self.rest = (
            (_line("LOCATION", _text(event.location)) if event.location else "")
            + _line("URL", event.url)
            + _line("CATEGORIES", _text(event.kind_label))
        )

    def _description(self, change):
        more = gettext("Details and how to book: %(url)s") % {"url": self.url}
        text = "\n\n".join(part for part in (change, self.about, more) if part)
        return _line("DESCRIPTION", _text(text))

    def series(self, entry):
        """The repeating VEVENT of ``entry``, then one VEVENT for each changed date."""
        uid = f"{self.pk}-series@{self.host}"
        # RFC 5545: with a local DTSTART, UNTIL is in UTC.
        until = entry.last_start.replace(tzinfo=self.zone).astimezone(UTC)
        skipped = ",".join(f"{start:%Y%m%dT%H%M%S}" for start in entry.left_out)
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\n{self.stamp}"
            f"DTSTART;{self.tzid}:{entry.first_start:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;{self.tzid}:{entry.first_start + self.length:%Y%m%dT%H%M%S}\r\n"
            + _line("RRULE", f"{entry.rule};UNTIL={until:%Y%m%dT%H%M%SZ}")
            + (_line(f"EXDATE;{self.tzid}", skipped) if skipped else "")
            + f"{self.summary}{self.description}{self.rest}"
            "STATUS:CONFIRMED\r\nEND:VEVENT\r\n"
            + "".join(self.vevent(change, series_uid=uid) for change in entry.changes)
        )

    def vevent(self, occurrence, series_uid=None):
        """One date; in a series, it replaces the date it was first set for."""
        summary, description, status = self.summary, self.description, "CONFIRMED"
        if occurrence.status == CANCELLED:
            summary = _line(
                "SUMMARY", _text(gettext("Cancelled: %(title)s") % {"title": self.title})
            )
            description = self._description(
                _joined(gettext("This date is cancelled."), occurrence.note)
            )
            status = "CANCELLED"
        elif occurrence.status == MOVED:
            was = occurrence.local_original_start
            moved = gettext("Moved from %(day)s at %(time)s.") % {
                "day": govuk_date(was, year=False),
                "time": govuk_time(was),
            }
            description = self._description(_joined(moved, occurrence.note))
        tzid = self.tzid
        if series_uid:
            replaced = occurrence.local_original_start
            uid = f"{series_uid}\r\nRECURRENCE-ID;{tzid}:{replaced:%Y%m%dT%H%M%S}"
        else:
            uid = f"{self.pk}-{occurrence.original_date:%Y%m%d}@{self.host}"
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\n"
            f"{self.stamp}"
            f"DTSTART;{tzid}:{occurrence.local_start:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;{tzid}:{occurrence.local_end:%Y%m%dT%H%M%S}\r\n"
            f"{summary}{description}{self.rest}"
            f"STATUS:{status}\r\nEND:VEVENT\r\n"
        )


def _joined(*parts):
    return " ".join(part.strip() for part in parts if part and part.strip())


def _text(value):
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "")
    )


def _line(name, value):
    """A content line folded at 75 octets without splitting a UTF-8 character."""
    line = f"{name}:{value}"
    if line.isascii():
        if len(line) <= 75:
            return line + "\r\n"
        parts = [line[:75]] + [line[i : i + 74] for i in range(75, len(line), 74)]
        return "\r\n ".join(parts) + "\r\n"
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            parts.append("".join(current))
            current, size = [], 1  # the space that starts the next line counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"
