"""What the calendar page shows: its filters, the dates asked for, and each view's dates.

The views read dates from ``EventOccurrence`` in a fixed number of queries, however many
events there are. Dates in the address (``?month=2026-11``, ``?year=2027``,
``?from=2027-03-09``) that are not real, or are far from today, are a 404; leaving them
out gives today's month, year or list.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from .events import EventKind, EventOccurrence, EventPage
from .filters import AreaFilter, ConditionFilter, Filter, PageFilter, opportunity_filters
from .models import OpportunityPage
from .recurrence import DEFAULT_ZONE
from .snippets import Area, Audience, SupportOption
from .venues import ACCESS_FEATURES

LIST_PAGE_SIZE = 25
MONTH_DAY_LIMIT = 4
YEARS_EITHER_SIDE = 10
MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")
YEAR_PATTERN = re.compile(r"\d{4}")
DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


def event_filters(events):
    """The menu's filters, reaching opportunities through events, plus the events' own.

    ``events`` are the ones on show; the "Group or activity" choices are their groups.
    """
    through_opportunity = {f.key: f for f in opportunity_filters(prefix="opportunity__")}
    return [
        AreaFilter("area", "Where you live", "areas", snippet=Area, all_areas_lookup="all_areas"),
        Filter(
            "support",
            "Support you need",
            "support",
            snippet=SupportOption,
            hint="Shows only events that offer all the support you tick.",
            match_all=True,
        ),
        ConditionFilter(
            "access",
            "Access you need at the venue",
            "venue",
            choices=list(ACCESS_FEATURES),
            conditions={name: Q(**{f"venue__{name}": True}) for name, _ in ACCESS_FEATURES},
            hint="Shows only venues with everything you tick.",
            match_all=True,
        ),
        Filter("kind", "Type of event", "kind", choices=EventKind.choices),
        ConditionFilter(
            "format",
            "How you want to take part",
            "",
            choices=[("in-person", "In person"), ("online", "Online")],
            conditions={
                "in-person": Q(venue__isnull=False) | ~Q(location_details=""),
                "online": Q(online=True),
            },
        ),
        Filter("who", "Who it is for", "audiences", snippet=Audience),
        through_opportunity["level"],
        through_opportunity["service"],
        PageFilter(
            "opportunity",
            "Group or activity",
            "opportunity",
            pages=lambda: opportunities_of(events),
            hint="The way to get involved that the event is part of.",
        ),
    ]


def opportunities_of(events):
    return OpportunityPage.objects.live().public().filter(pk__in=events.values("opportunity"))


def local_today(zone=DEFAULT_ZONE):
    return timezone.localtime(timezone.now(), ZoneInfo(zone)).date()


def _check_year(year, today):
    if abs(year - today.year) > YEARS_EITHER_SIDE:
        raise Http404("The calendar does not go that far.")


def parse_month(value, today):
    """The first day of the month in ``?month=YYYY-MM``, or of this month if absent."""
    if not value:
        return today.replace(day=1)
    match = MONTH_PATTERN.fullmatch(value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise Http404("Give the month as year and month, for example 2027-03.")
    _check_year(int(match[1]), today)
    return date(int(match[1]), int(match[2]), 1)


def parse_year(value, today):
    if not value:
        return today.year
    if not YEAR_PATTERN.fullmatch(value):
        raise Http404("Give the year in four figures, for example 2027.")
    _check_year(int(value), today)
    return int(value)


def parse_day(value, today):
    if not value:
        return None
    try:
        day = date.fromisoformat(value) if DAY_PATTERN.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise Http404("Give the date as year, month and day, for example 2027-03-09.")
    _check_year(day.year, today)
    return day


def month_after(first_day):
    return (first_day + timedelta(days=32)).replace(day=1)


def month_before(first_day):
    return (first_day - timedelta(days=1)).replace(day=1)


def within_range(day, today):
    return abs(day.year - today.year) <= YEARS_EITHER_SIDE


def occurrences_of(events):
    """Stored dates of these events, with what a listing shows, in one query."""
    return EventOccurrence.objects.filter(event__in=events).select_related("event", "event__venue")


def list_context(events, params, today):
    """Upcoming dates (or dates from ``?from=``), a page at a time, grouped by day."""
    from_day = parse_day(params.get("from"), today)
    occurrences = occurrences_of(events).order_by("start", "event__title", "pk")
    if from_day:
        occurrences = occurrences.filter(day__gte=from_day)
    else:
        occurrences = occurrences.filter(end__gte=timezone.now())
    page = Paginator(occurrences, LIST_PAGE_SIZE).get_page(params.get("page"))
    return {
        "kept": [("from", from_day.isoformat())] if from_day else [],
        "from_day": from_day,
        "page_obj": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "days": _by_day(page.object_list),
    }


def month_context(events, params, today):
    """A month grid, Monday first, showing a few dates a day and how many more there are."""
    first = parse_month(params.get("month"), today)
    last = month_after(first) - timedelta(days=1)
    in_month = occurrences_of(events).filter(day__range=(first, last))
    shown = (
        in_month.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("day")],
                order_by=[F("start").asc(), F("event__title").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=MONTH_DAY_LIMIT)
        .order_by("start", "event__title", "pk")
    )
    totals = dict(in_month.order_by().values_list("day").annotate(n=Count("pk")))
    items = {day: list(group) for day, group in groupby(shown, key=lambda o: o.day)}
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "is_today": day == today,
                "items": items.get(day, []),
                "more": totals.get(day, 0) - len(items.get(day, [])),
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous, following = month_before(first), month_after(first)
    return {
        "kept": [("month", f"{first:%Y-%m}")],
        "month": first,
        "weeks": weeks,
        "weekday_names": list(calendar.day_name),
        "total": sum(totals.values()),
        "previous_month": previous if within_range(previous, today) else None,
        "next_month": following if within_range(following, today) else None,
        "month_choices": _month_choices(today),
        "next_after": None
        if totals
        else occurrences_of(events).filter(day__gt=last).order_by("start").first(),
    }


def year_context(events, params, today):
    """Every date of a year, month by month: the annual calendar residents print."""
    year = parse_year(params.get("year"), today)
    occurrences = (
        occurrences_of(events)
        .filter(day__range=(date(year, 1, 1), date(year, 12, 31)))
        .order_by("start", "event__title", "pk")
    )
    by_month = {m: list(g) for m, g in groupby(occurrences, key=lambda o: o.day.month)}
    months = [(date(year, m, 1), by_month.get(m, [])) for m in range(1, 13)]
    return {
        "kept": [("year", str(year))],
        "year": year,
        "months": months,
        "total": sum(len(items) for _, items in months),
        "previous_year": year - 1 if abs(year - 1 - today.year) <= YEARS_EITHER_SIDE else None,
        "next_year": year + 1 if abs(year + 1 - today.year) <= YEARS_EITHER_SIDE else None,
        "year_choices": list(range(today.year - 1, today.year + 3)),
    }


def feed_window(params, today):
    """``?year=`` gives that year; otherwise from last month to a year ahead."""
    if params.get("year"):
        year = parse_year(params.get("year"), today)
        return date(year, 1, 1), date(year, 12, 31)
    start = month_before(today.replace(day=1))
    return start, start.replace(year=start.year + 1) + timedelta(days=62)


@dataclass(frozen=True, slots=True)
class StoredDate:
    """A stored date in local time, read without building model instances."""

    original_date: date
    local_start: datetime
    local_end: datetime
    local_original_start: datetime
    status: str
    note: str


def feed_items(events, first, last):
    """(event, date) pairs from ``first`` to ``last``, in time order, in two queries.

    A feed can hold thousands of dates, so rows are read as tuples and each event is
    fetched once.
    """
    rows = (
        EventOccurrence.objects.filter(event__in=events, day__range=(first, last))
        .order_by("start", "event_id", "original_date")
        .values_list(
            "event_id", "original_date", "start", "end", "original_start", "status", "note"
        )
    )
    by_pk = EventPage.objects.filter(pk__in=rows.values("event_id")).select_related("venue")
    by_pk = {event.pk: event for event in by_pk}
    zones = {pk: ZoneInfo(event.timezone) for pk, event in by_pk.items()}
    rows = list(rows)
    items = []
    for pk, original_date, start, end, original_start, status, note in rows:
        zone = zones[pk]
        items.append(
            (
                by_pk[pk],
                StoredDate(
                    original_date,
                    start.astimezone(zone).replace(tzinfo=None),
                    end.astimezone(zone).replace(tzinfo=None),
                    original_start.astimezone(zone).replace(tzinfo=None),
                    status,
                    note,
                ),
            )
        )
    return items


def _by_day(occurrences):
    return [(day, list(group)) for day, group in groupby(occurrences, key=lambda o: o.day)]


def _month_choices(today):
    """A year back to two years ahead, for the "Go to a month" list."""
    first = today.replace(day=1)
    start = date(first.year - 1, first.month, 1)
    months = [start]
    while len(months) < 36:
        months.append(month_after(months[-1]))
    return months
