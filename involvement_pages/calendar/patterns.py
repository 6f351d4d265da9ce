"""The plain repeating patterns editors pick from, turned into RFC 5545 rules and back.

A pattern covers what communications staff ask for: daily, weekly on chosen days, monthly
on a date or on the nth weekday, yearly; every N of those; ending never, on a date or after
N times. The stored data stays the rule text, so any rule these choices cannot make
(every month but August, say) is still kept and edited as written.

"No end" is stored as the calendar's own limit (``MAX_YEARS`` years or
``MAX_OCCURRENCES`` dates, whichever comes first), because every stored rule has an end.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import islice

from dateutil.rrule import rrulestr

from . import recurrence
from .recurrence import MAX_OCCURRENCES, MAX_YEARS, WEEKDAYS, RecurrenceError

NONE = "none"
DAILY = "daily"
WEEKLY = "weekly"
MONTHLY = "monthly"
YEARLY = "yearly"
FREQUENCIES = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}

NEVER = "never"
UNTIL = "until"
COUNT = "count"

# First to fourth always exist; a fifth weekday only in some months, so "last" stands in.
ORDINALS = (1, 2, 3, 4, -1)
MAX_INTERVAL = 52


@dataclass(frozen=True)
class Pattern:
    """One editor's choices. Empty day choices for monthly mean "as on the first date"."""

    frequency: str = NONE
    interval: int = 1
    weekdays: tuple[str, ...] = ()  # weekly: "MO", "WE"...
    month_day: int | None = None  # monthly on a date: 1 to 31
    week_ordinal: int | None = None  # monthly on a weekday: 1 to 4, or -1 for the last
    weekday: str | None = None  # with week_ordinal
    ends: str = NEVER
    until: date | None = None
    count: int | None = None

    @property
    def on_weekday(self):
        return self.week_ordinal is not None or self.weekday is not None

    def resolved(self, first_start):
        """The same pattern with monthly day choices filled in from the first date."""
        if self.frequency != MONTHLY:
            return self
        if self.on_weekday:
            return replace(
                self,
                month_day=None,
                week_ordinal=self.week_ordinal or ordinal_of(first_start),
                weekday=self.weekday or WEEKDAYS[first_start.weekday()],
            )
        return replace(self, month_day=self.month_day or first_start.day)


def ordinal_of(day):
    """Which of its weekday in the month ``day`` is: 1 to 4, or -1 for a fifth (the last)."""
    ordinal = (day.day - 1) // 7 + 1
    return -1 if ordinal == 5 else ordinal


def to_rule(pattern, first_start):
    """The rule text for a pattern starting at ``first_start`` (naive local), "" for none.

    The text is not checked here: ``recurrence.check`` says whether the first date fits.
    """
    if pattern.frequency == NONE:
        return ""
    pattern = pattern.resolved(first_start)
    parts = _pattern_parts(pattern)
    if pattern.ends == COUNT:
        parts.append(f"COUNT={pattern.count}")
    else:
        last = pattern.until if pattern.ends == UNTIL else no_end_date(parts, first_start)
        parts.append(f"UNTIL={last:%Y%m%d}")
    return ";".join(parts)


def from_rule(text, first_start):
    """The pattern a rule is made of, or None when the plain choices cannot make it.

    A rule that fails the checks is None too: it can only be shown as written.
    """
    if not recurrence.normalise(text):
        return Pattern()
    try:
        parts = recurrence.parse(text)
        recurrence.check(text, first_start)
    except RecurrenceError:
        return None
    pattern = _pattern_of(parts, first_start)
    if pattern is None:
        return None
    if "COUNT" in parts:
        return replace(pattern, ends=COUNT, count=int(parts["COUNT"]))
    last = _last_date(parts["UNTIL"], first_start)
    if last == no_end_date(_pattern_parts(pattern), first_start):
        return replace(pattern, ends=NEVER)
    return replace(pattern, ends=UNTIL, until=last)


def no_end_date(parts, first_start):
    """The last date a series with no end can reach within the calendar's limits."""
    limit = recurrence.years_after(first_start, MAX_YEARS).date()
    rule = rrulestr(";".join([*parts, f"UNTIL={limit:%Y%m%d}T235959"]), dtstart=first_start)
    starts = list(islice(rule, MAX_OCCURRENCES + 1))
    if len(starts) > MAX_OCCURRENCES:
        return starts[MAX_OCCURRENCES - 1].date()
    return limit


def _pattern_parts(pattern):
    parts = [f"FREQ={FREQUENCIES[pattern.frequency]}"]
    if pattern.interval != 1:
        parts.append(f"INTERVAL={pattern.interval}")
    if pattern.frequency == WEEKLY:
        days = sorted(set(pattern.weekdays), key=WEEKDAYS.index)
        parts.append("BYDAY=" + ",".join(days))
    elif pattern.frequency == MONTHLY and pattern.on_weekday:
        parts.append(f"BYDAY={pattern.week_ordinal}{pattern.weekday}")
    elif pattern.frequency == MONTHLY:
        parts.append(f"BYMONTHDAY={pattern.month_day}")
    return parts


def _pattern_of(parts, first_start):
    """The pattern (without its end) for checked rule parts, or None."""
    if parts.get("WKST", "MO") != "MO" or "BYMONTH" in parts:
        return None
    frequency = next(name for name, value in FREQUENCIES.items() if value == parts["FREQ"])
    interval = int(parts.get("INTERVAL", 1))
    weekdays = recurrence.by_weekday(parts)
    monthdays = recurrence.by_number(parts, "BYMONTHDAY", -31, 31)
    if interval > MAX_INTERVAL:
        return None
    if frequency in (DAILY, YEARLY):
        if weekdays or monthdays:
            return None
        return Pattern(frequency, interval)
    if frequency == WEEKLY:
        if monthdays or any(ordinal is not None for ordinal, _ in weekdays):
            return None
        days = {WEEKDAYS[day] for _, day in weekdays} or {WEEKDAYS[first_start.weekday()]}
        return Pattern(frequency, interval, weekdays=tuple(sorted(days, key=WEEKDAYS.index)))
    if weekdays and not monthdays and len(weekdays) == 1 and weekdays[0][0] in ORDINALS:
        ordinal, day = weekdays[0]
        return Pattern(frequency, interval, week_ordinal=ordinal, weekday=WEEKDAYS[day])
    if weekdays:
        return None
    if len(monthdays) > 1 or (monthdays and monthdays[0] < 1):
        return None
    return Pattern(frequency, interval, month_day=monthdays[0] if monthdays else first_start.day)


def _last_date(until, first_start):
    """The last date an UNTIL value lets in, for a series that starts at ``first_start``'s time."""
    moment = recurrence.until_moment(until, first_start)
    day = moment.date()
    if moment.time() < first_start.time():
        day -= timedelta(days=1)
    return day
