"""What the calendar page shows: its filters, the dates asked for, and each view's dates.

The views read dates from ``EventOccurrence`` in a fixed number of queries, however many
events there are. Dates in the address (``?month=2026-11``, ``?year=2027``,
``?from=2027-03-09``) that are not real, or are far from today, are a 404; leaving them
out gives today's month, year or list.
"""

import calendar
import re
from datetime import date, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _

from involvement_pages import page_cache
from involvement_pages.filters import (
    AreaFilter,
    ConditionFilter,
    Filter,
    PageFilter,
    opportunity_filters,
)
from involvement_pages.formats import govuk_date
from involvement_pages.models import OpportunityPage
from involvement_pages.snippets import Area, Audience, SupportOption

from . import conf
from .dates import DATE_FIELDS, date_rows, load_dates
from .models.events import EventKind, EventOccurrence
from .models.venues import ACCESS_FEATURES
from .recurrence import DEFAULT_ZONE

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
        AreaFilter(
            "area", _("Where you live"), "areas", snippet=Area, all_areas_lookup="all_areas"
        ),
        Filter(
            "support",
            _("Support you need"),
            "support",
            snippet=SupportOption,
            hint=_("Shows only events that offer all the support you tick."),
            match_all=True,
        ),
        ConditionFilter(
            "access",
            _("Access you need at the venue"),
            "venue",
            choices=list(ACCESS_FEATURES),
            conditions={name: Q(**{f"venue__{name}": True}) for name, _label in ACCESS_FEATURES},
            hint=_("Shows only venues with everything you tick."),
            match_all=True,
        ),
        Filter("kind", _("Type of event"), "kind", choices=EventKind.choices),
        ConditionFilter(
            "format",
            _("How you want to take part"),
            "",
            choices=[("in-person", _("In person")), ("online", _("Online"))],
            conditions={
                "in-person": Q(venue__isnull=False) | ~Q(location_details=""),
                "online": Q(online=True),
            },
        ),
        Filter("who", _("Who it is for"), "audiences", snippet=Audience),
        through_opportunity["level"],
        through_opportunity["service"],
        PageFilter(
            "opportunity",
            _("Group or activity"),
            "opportunity",
            pages=lambda: opportunities_of(events),
            hint=_("The way to get involved that the event is part of."),
        ),
    ]


def opportunities_of(events):
    return page_cache.public(OpportunityPage.objects.live()).filter(
        pk__in=events.values("opportunity")
    )


def local_today(zone=DEFAULT_ZONE):
    return timezone.localtime(timezone.now(), ZoneInfo(zone)).date()


def _check_year(year, today):
    if abs(year - today.year) > YEARS_EITHER_SIDE:
        raise Http404(_("The calendar does not go that far."))


def parse_month(value, today):
    """The first day of the month in ``?month=YYYY-MM``, or of this month if absent."""
    if not value:
        return today.replace(day=1)
    match = MONTH_PATTERN.fullmatch(value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise Http404(_("Give the month as year and month, for example 2027-03."))
    _check_year(int(match[1]), today)
    return date(int(match[1]), int(match[2]), 1)


def parse_year(value, today):
    if not value:
        return today.year
    if not YEAR_PATTERN.fullmatch(value):
        raise Http404(_("Give the year in four figures, for example 2027."))
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
        raise Http404(_("Give the date as year, month and day, for example 2027-03-09."))
    _check_year(day.year, today)
    return day


def month_after(first_day):
    return (first_day + timedelta(days=32)).replace(day=1)


def month_before(first_day):
    return (first_day - timedelta(days=1)).replace(day=1)


def within_range(day, today):
    return abs(day.year - today.year) <= YEARS_EITHER_SIDE


def dates_of(events):
    """Stored dates of these events, earliest first.

    A correlated EXISTS (not ``event__in``) lets the database walk dates in time order
    and stop at a page's worth, instead of sorting every date of every event.
    """
    belongs = Exists(events.filter(pk=OuterRef("event_id")))
    return EventOccurrence.objects.filter(belongs).order_by("start", "pk")


def next_dates(events, base_url, limit):
    """The next ``limit`` dates of ``events`` that are not yet over, in two queries."""
    later = dates_of(events).filter(end__gte=timezone.now())
    return load_dates(date_rows(later[:limit]), base_url)


def list_context(events, params, today, base_url):
    """Upcoming dates (or dates from ``?from=``), a page at a time, grouped by day."""
    from_day = parse_day(params.get("from"), today)
    # Upcoming means not yet over: a meeting that has started is still listed.
    later = {"day__gte": from_day} if from_day else {"end__gte": timezone.now()}
    paginator = Paginator(date_rows(dates_of(events).filter(**later)), LIST_PAGE_SIZE)
    # Counting every date is quicker with IN than with the EXISTS that reads a page fast.
    paginator.count = EventOccurrence.objects.filter(event__in=events, **later).count()
    page = paginator.get_page(params.get("page"))
    return {
        "kept": [("from", from_day.isoformat())] if from_day else [],
        "from_day": from_day,
        "page_obj": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "days": _by_day(load_dates(page.object_list, base_url)),
    }


def month_context(events, params, today, base_url):
    """A month grid, Monday first, showing a few dates a day and how many more there are."""
    first = parse_month(params.get("month"), today)
    last = month_after(first) - timedelta(days=1)
    by_day = [F("day")]
    shown = (
        dates_of(events)
        .filter(day__range=(first, last))
        .annotate(
            rank=Window(RowNumber(), partition_by=by_day, order_by=[F("start"), F("pk")]),
            day_total=Window(Count("pk"), partition_by=by_day),
        )
        .filter(rank__lte=MONTH_DAY_LIMIT)
        .values_list(*DATE_FIELDS, "day_total")
    )
    shown = list(shown)
    records = load_dates((row[:-1] for row in shown), base_url)
    totals = {record.day: row[-1] for record, row in zip(records, shown, strict=True)}
    items = dict(_by_day(records))
    weeks = [
        [
            {
                "date": day,
                "iso": day.isoformat(),
                "weekday": WEEKDAYS[day.weekday()],
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
    later = [] if totals else date_rows(dates_of(events).filter(day__gt=last))[:1]
    return {
        "kept": [("month", f"{first:%Y-%m}")],
        "month": first,
        "month_label": format_date(first, "F Y"),
        "month_name": format_date(first, "F"),
        "weeks": weeks,
        # Django's own short names: a translation's are not always its long names cut short.
        "weekday_names": [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in range(7)],
        "total": sum(totals.values()),
        "previous_month": previous if within_range(previous, today) else None,
        "next_month": following if within_range(following, today) else None,
        "month_choices": [
            (f"{choice:%Y-%m}", format_date(choice, "F Y"), choice == first)
            for choice in _month_choices(today)
        ],
        "next_after": next(iter(load_dates(later, base_url)), None),
    }


def year_context(events, params, today, base_url):
    """A year month by month, the annual calendar residents print, with at most
    ``INVOLVEMENT_CALENDAR_YEAR_DATES_PER_EVENT`` dates of each event: the last one shown
    says how many more there are, so a daily event cannot make the page megabytes long.

    Three queries however many dates the year holds: each event's count, its first dates
    ranked in SQL, and the events. Rows are plain dicts of words, each day and time worded
    once, for the ``year_rows`` tag to write out: a year can have over a thousand rows.
    """
    year = parse_year(params.get("year"), today)
    limit = conf.get("INVOLVEMENT_CALENDAR_YEAR_DATES_PER_EVENT")
    in_year = EventOccurrence.objects.filter(
        event__in=events, day__range=(date(year, 1, 1), date(year, 12, 31))
    ).order_by()
    totals = {
        event_id: (total, last_day)
        for event_id, total, last_day in in_year.values("event_id")
        .annotate(total=Count("pk"), last_day=Max("day"))
        .values_list("event_id", "total", "last_day")
    }
    rank = Window(RowNumber(), partition_by=[F("event_id")], order_by=[F("start"), F("pk")])
    # Only the keys pass through the ranking, a third quicker than whole rows on SQLite.
    shown = in_year.annotate(rank=rank).filter(rank__lte=limit).values("pk")
    rows = list(
        EventOccurrence.objects.filter(pk__in=shown).order_by().values_list(*DATE_FIELDS, "pk")
    )
    rows.sort(key=lambda row: (row[2], row[-1]))  # the ranking's own order: start, then key
    records = load_dates((row[:-1] for row in rows), base_url)
    words = _Words()
    months = {month: [] for month in range(1, 13)}
    counted = {}
    for record in records:
        total, last_day = totals[record.event.pk]
        counted[record.event.pk] = rank = counted.get(record.event.pk, 0) + 1
        more = total - limit if rank == limit and total > limit else 0
        months[record.day.month].append(
            {
                "day": words.day(record),
                "time": words.time(record),
                "url": record.event.url,
                "title": record.event.title,
                "where": record.event.where,
                "cancelled": record.cancelled,
                "moved": record.moved,
                "more": more,
                "last": govuk_date(last_day, year=False) if more else "",
            }
        )
    return {
        "kept": [("year", str(year))],
        "year": year,
        "months": [(date(year, month, 1), entries) for month, entries in months.items()],
        "total": sum(total for total, _last in totals.values()),
        "shortened": any(total > limit for total, _last in totals.values()),
        "dates_per_event": limit,
        "previous_year": year - 1 if abs(year - 1 - today.year) <= YEARS_EITHER_SIDE else None,
        "next_year": year + 1 if abs(year + 1 - today.year) <= YEARS_EITHER_SIDE else None,
    }


class _Words:
    """Each day's and each time's words, worked out once for the whole year."""

    def __init__(self):
        self.days, self.times = {}, {}

    def day(self, record):
        if record.day not in self.days:
            self.days[record.day] = record.short_day
        return self.days[record.day]

    def time(self, record):
        start, end = record.local_start, record.local_end
        key = (start.time(), end.time()) if start.date() == end.date() else (start, end)
        if key not in self.times:
            self.times[key] = record.time_label
        return self.times[key]


def _by_day(dates):
    return [(day, list(group)) for day, group in groupby(dates, key=lambda o: o.day)]


def _month_choices(today):
    """A year back to two years ahead, for the "Go to a month" list."""
    first = today.replace(day=1)
    start = date(first.year - 1, first.month, 1)
    months = [start]
    while len(months) < 36:
        months.append(month_after(months[-1]))
    return months
