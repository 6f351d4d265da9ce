"""The dates of a recurring event: RFC 5545 rules checked for editors and expanded safely.

Rules are expanded by python-dateutil in local wall-clock time and each date is given its
time zone only afterwards, so a meeting at 18:00 stays at 18:00 in London on both sides of
the clock changes. Every series is bounded: a rule needs COUNT or UNTIL, at most
``MAX_OCCURRENCES`` dates and ``MAX_YEARS`` years, and a rule that could make dateutil
search for centuries (the 31st of February) is refused before it is ever expanded.
"""

import logging
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from dateutil.rrule import rrulestr

logger = logging.getLogger(__name__)

MAX_OCCURRENCES = 500
MAX_YEARS = 5
DEFAULT_ZONE = "Europe/London"

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTH", "BYMONTHDAY", "WKST"}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LONGEST_MONTH = {month: 29 if month == 2 else monthrange(2001, month)[1] for month in range(1, 13)}

SCHEDULED = "scheduled"
CANCELLED = "cancelled"
MOVED = "moved"


class RecurrenceError(ValueError):
    """A rule an editor needs to correct; the message says how, in plain English."""


@dataclass(frozen=True)
class Change:
    """One date of a series cancelled or moved, keyed by the date it was first set for."""

    original_date: date
    cancelled: bool = False
    new_date: date | None = None
    new_start_time: time | None = None
    new_end_time: time | None = None
    note: str = ""


class ChangeStatus:
    """``cancelled`` and ``moved`` for any date that carries a ``status`` from this module."""

    __slots__ = ()

    @property
    def cancelled(self):
        return self.status == CANCELLED

    @property
    def moved(self):
        return self.status == MOVED


@dataclass(frozen=True)
class Occurrence(ChangeStatus):
    """One date of an event, with aware start and end times in the event's own zone."""

    original_date: date
    start: datetime
    end: datetime
    original_start: datetime
    status: str = SCHEDULED
    note: str = ""

    @property
    def local_start(self):
        """Naive local time, so templates never shift it into the host's time zone."""
        return self.start.replace(tzinfo=None)

    @property
    def local_end(self):
        return self.end.replace(tzinfo=None)

    @property
    def local_original_start(self):
        return self.original_start.replace(tzinfo=None)


def normalise(text):
    """The rule as dateutil reads it: upper case, no spaces, no ``RRULE:`` prefix."""
    rule = "".join((text or "").split()).upper()
    rule = rule.removeprefix("RRULE:")
    return rule.strip(";")


def parse(text):
    """Split a rule into its parts, refusing anything outside the subset we support."""
    parts = {}
    for item in normalise(text).split(";"):
        name, sep, value = item.partition("=")
        if not sep or not value:
            raise RecurrenceError(
                _("“%(part)s” is not a rule part. Write parts as NAME=VALUE.") % {"part": item}
            )
        if name not in PARTS:
            raise RecurrenceError(
                _(
                    "%(name)s is not supported here. Use FREQ, INTERVAL, COUNT or UNTIL, "
                    "BYDAY, BYMONTH and BYMONTHDAY. Cancel or move single dates below instead."
                )
                % {"name": name}
            )
        if name in parts:
            raise RecurrenceError(_("%(name)s appears twice.") % {"name": name})
        parts[name] = value
    if parts.get("FREQ") not in FREQUENCIES:
        raise RecurrenceError(_("Start with FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY or FREQ=YEARLY."))
    if ("COUNT" in parts) == ("UNTIL" in parts):
        raise RecurrenceError(
            _(
                "Say when the series ends: add COUNT (how many times) or UNTIL (the last date), "
                "but not both."
            )
        )
    return parts


def check(text, first_start):
    """The dateutil rule for ``text`` starting at ``first_start`` (naive local), or an error.

    The first date of the series must be ``first_start`` itself, so the date an editor
    types and the pattern never disagree.
    """
    parts = parse(text)
    interval = _number(parts, "INTERVAL", 1, 1, 52)
    if "COUNT" in parts:
        _number(parts, "COUNT", 1, 1, MAX_OCCURRENCES)
    months = by_number(parts, "BYMONTH", 1, 12) or list(range(1, 13))
    monthdays = by_number(parts, "BYMONTHDAY", -31, 31)
    weekdays = by_weekday(parts)
    _check_possible(parts["FREQ"], interval, months, monthdays, weekdays, first_start)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until(parts["UNTIL"], first_start)
    rule_text = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        rule = rrulestr(rule_text, dtstart=first_start)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(
            _("This rule cannot be read: %(error)s.") % {"error": error}
        ) from error
    starts = list(islice(rule, MAX_OCCURRENCES + 1))
    if not starts or starts[0] != first_start:
        raise RecurrenceError(
            _(
                "The start date, %(date)s, does not fit the pattern. "
                "Change the start date to the first date of the series."
            )
            % {"date": _long_date(first_start)}
        )
    if len(starts) > MAX_OCCURRENCES:
        raise RecurrenceError(
            _("A series can have at most %(count)d dates.") % {"count": MAX_OCCURRENCES}
        )
    if starts[-1] > years_after(first_start, MAX_YEARS):
        raise RecurrenceError(
            _("A series can last at most %(years)d years. Add a new event for later dates.")
            % {"years": MAX_YEARS}
        )
    return starts


def open_ended(text):
    """The rule without its end, for a feed entry that ends where its window does; "" if
    calendar apps might place some of its dates differently from ours.

    Google Calendar, Outlook and Apple Calendar read plain daily, weekly, monthly and
    yearly rules alike. Outlook's own repeats know only the first to fourth and the last
    weekday of a month, and put a 31st on the last day of shorter months, where RFC 5545
    (and dateutil, which stored our dates) skip the months without one; week starts are
    read differently too. Rules using those are sent date by date instead.
    """
    try:
        parts = parse(text)
    except RecurrenceError:
        return ""
    if "WKST" in parts or ("BYMONTHDAY" in parts and not _within(parts["BYMONTHDAY"], 1, 28)):
        return ""
    ordinals = [value[:-2].lstrip("+") for value in parts.get("BYDAY", "").split(",")]
    ordinals = [ordinal for ordinal in ordinals if ordinal]
    if any(ordinal not in ("1", "2", "3", "4", "-1") for ordinal in ordinals):
        return ""
    if ordinals and parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        return ""  # the 20th Monday of the year: no calendar app offers it
    kept = {name: value for name, value in parts.items() if name not in ("COUNT", "UNTIL")}
    return ";".join(f"{name}={value}" for name, value in sorted(kept.items(), key=_freq_first))


def _within(values, low, high):
    try:
        return all(low <= int(value) <= high for value in values.split(","))
    except ValueError:
        return False


def _freq_first(item):
    # Any order is allowed; FREQ first is how RFC 5545's own examples write every rule.
    return item[0] != "FREQ"


def local_starts(text, first_start):
    """Every naive local start of the series; a rule that fails the checks gives one date.

    Rules are checked when an editor saves, so a failing rule here came from somewhere
    else (an import, an older version); showing its first date beats an error page.
    """
    if not normalise(text):
        return [first_start]
    try:
        return check(text, first_start)
    except RecurrenceError as error:
        logger.warning("Ignoring recurrence rule %r: %s", text, error)
        return [first_start]


def expand(
    *,
    first_date,
    start_time,
    end_time,
    rule="",
    zone=DEFAULT_ZONE,
    changes=(),
    since=None,
    until=None,
):
    """The event's occurrences starting on dates from ``since`` to ``until`` (inclusive).

    A moved date appears at its new time (and is kept or dropped by its new date); a
    cancelled one stays in the list, marked, so residents see it was called off.
    """
    tz = ZoneInfo(zone)
    first_start = datetime.combine(first_date, start_time)
    length = datetime.combine(first_date, end_time) - first_start
    length = max(length, timedelta(0))
    by_date = {change.original_date: change for change in changes}
    occurrences = []
    for local in local_starts(rule, first_start):
        original_start = local.replace(tzinfo=tz)
        change = by_date.get(local.date())
        if change is None:
            occurrence = Occurrence(
                local.date(), original_start, _end(local, length, tz), original_start
            )
        elif change.cancelled:
            occurrence = Occurrence(
                local.date(),
                original_start,
                _end(local, length, tz),
                original_start,
                CANCELLED,
                change.note,
            )
        else:
            occurrence = _moved(local, length, tz, change)
        if (since is None or occurrence.start.date() >= since) and (
            until is None or occurrence.start.date() <= until
        ):
            occurrences.append(occurrence)
    occurrences.sort(key=lambda o: (o.start, o.original_date))
    return occurrences


def _moved(local, length, tz, change):
    new_start = datetime.combine(
        change.new_date or local.date(), change.new_start_time or local.time()
    )
    if change.new_end_time is not None:
        new_end = datetime.combine(new_start.date(), change.new_end_time)
        if new_end <= new_start:
            new_end = new_start + length
    else:
        new_end = new_start + length
    return Occurrence(
        local.date(),
        new_start.replace(tzinfo=tz),
        new_end.replace(tzinfo=tz),
        local.replace(tzinfo=tz),
        MOVED,
        change.note,
    )


def _end(local_start, length, tz):
    # Wall-clock arithmetic: a 2-hour meeting that starts at 18:00 ends at 20:00 local time.
    return (local_start + length).replace(tzinfo=tz)


def _number(parts, name, default, low, high):
    value = parts.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise RecurrenceError(_("%(name)s must be a whole number.") % {"name": name}) from None
    if not low <= number <= high:
        raise RecurrenceError(
            _("%(name)s must be from %(low)d to %(high)d.")
            % {"name": name, "low": low, "high": high}
        )
    return number


def by_number(parts, name, low, high):
    if name not in parts:
        return []
    numbers = []
    for value in parts[name].split(","):
        try:
            number = int(value)
        except ValueError:
            raise RecurrenceError(
                _("%(name)s must be a list of numbers, such as 1,4,7.") % {"name": name}
            ) from None
        if number == 0 or not low <= number <= high:
            raise RecurrenceError(
                _("%(name)s values must be from %(low)d to %(high)d.")
                % {"name": name, "low": max(low, 1), "high": high}
            )
        numbers.append(number)
    return numbers


def by_weekday(parts):
    """[(ordinal or None, weekday index), ...] from BYDAY such as ``2TU`` or ``MO,WE``."""
    if "BYDAY" not in parts:
        return []
    weekdays = []
    for value in parts["BYDAY"].split(","):
        day = value[-2:]
        ordinal = value[:-2]
        if day not in WEEKDAYS:
            raise RecurrenceError(
                _("BYDAY uses MO, TU, WE, TH, FR, SA and SU, not “%(value)s”.") % {"value": value}
            )
        try:
            number = int(ordinal) if ordinal else None
        except ValueError:
            raise RecurrenceError(
                _("“%(value)s” is not a day: try 2TU for the second Tuesday.") % {"value": value}
            ) from None
        weekdays.append((number, WEEKDAYS.index(day)))
    return weekdays


def _check_possible(freq, interval, months, monthdays, weekdays, first_start):
    """Refuse rules with no dates: dateutil would search every year up to 9999 for them."""
    never = _("This pattern never happens. Check the days and months.")
    if monthdays and weekdays:
        raise RecurrenceError(_("Use either days of the month (BYMONTHDAY) or weekdays (BYDAY)."))
    if monthdays and not any(abs(d) <= LONGEST_MONTH[m] for d in monthdays for m in months):
        raise RecurrenceError(never)
    ordinals = [n for n, _ in weekdays if n is not None]
    if ordinals and freq not in ("MONTHLY", "YEARLY"):
        raise RecurrenceError(_("Numbered weekdays such as 2TU need FREQ=MONTHLY or FREQ=YEARLY."))
    limit = 5 if freq == "MONTHLY" or (freq == "YEARLY" and len(months) < 12) else 53
    if any(n == 0 or abs(n) > limit for n in ordinals):
        raise RecurrenceError(
            _("Numbered weekdays go from 1 to %(limit)d (or -1 for the last).") % {"limit": limit}
        )
    if freq == "DAILY" and interval > 1 and (weekdays or monthdays or len(months) < 12):
        raise RecurrenceError(_("For every few days, leave out BYDAY, BYMONTH and BYMONTHDAY."))
    if freq == "MONTHLY" and interval > 1:
        reached = {(first_start.month - 1 + k * interval) % 12 + 1 for k in range(12)}
        if not reached & set(months):
            raise RecurrenceError(never)


def _until(value, first_start):
    """UNTIL as a local date-time dateutil accepts."""
    return until_moment(value, first_start).strftime("%Y%m%dT%H%M%S")


def until_moment(value, first_start):
    """The last local moment an UNTIL value allows; a bare date includes that whole day."""
    formats = ("%Y%m%d", "%Y%m%dT%H%M%S", "%Y%m%dT%H%M%SZ")
    for fmt in formats:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if fmt == "%Y%m%d":
            parsed = datetime.combine(parsed.date(), time.max.replace(microsecond=0))
        if parsed < first_start:
            raise RecurrenceError(_("UNTIL is before the start date."))
        return parsed
    raise RecurrenceError(_("Write UNTIL as a date, such as UNTIL=20271231."))


def _long_date(moment):
    # Django's names, not strftime's, so the day and month follow the active language.
    return format_date(moment, "l j F Y")


def years_after(moment, years):
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)
