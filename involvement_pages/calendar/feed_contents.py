"""What a subscription feed carries: a window of months, and a bounded entry per event.

Each date is its own entry (VEVENT) while an event has at most
``INVOLVEMENT_CALENDAR_FEED_DATES_PER_EVENT`` dates in the window: every calendar app
reads single entries the same way, and a moved or cancelled date needs nothing special.
An event with more (a daily drop-in has over 500 in the window) is sent as one repeating
entry: its rule, ending where the window ends, with its cancelled and moved dates as
entries of their own that name the date they replace (RECURRENCE-ID), as RFC 5545 has
it and as Google Calendar, Outlook and Apple Calendar all read it. So a subscriber keeps
every date in a few lines instead of hundreds of entries. Only when the rule is one some
apps would place differently (see ``recurrence.open_ended``), or the event has more
changed dates than that bound, are its next dates sent, at most that many.

Three queries however many dates the window holds: the first dates of each event ranked
in SQL, the changed dates, and the events.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, F, Max, Min, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from . import conf
from .dates import DATE_FIELDS, load_dates
from .listings import parse_year
from .models.events import EventOccurrence
from .records import Series
from .recurrence import SCHEDULED, open_ended


def feed_window(params, today):
    """``?year=`` gives that year; otherwise from the start of the month
    ``INVOLVEMENT_CALENDAR_FEED_MONTHS_BEFORE`` back to the end of the month
    ``INVOLVEMENT_CALENDAR_FEED_MONTHS_AFTER`` ahead."""
    if params.get("year"):
        year = parse_year(params.get("year"), today)
        return date(year, 1, 1), date(year, 12, 31)
    this_month = today.replace(day=1)
    first = _months_after(this_month, -conf.get("INVOLVEMENT_CALENDAR_FEED_MONTHS_BEFORE"))
    after = conf.get("INVOLVEMENT_CALENDAR_FEED_MONTHS_AFTER")
    return first, _months_after(this_month, after + 1) - timedelta(days=1)


def _months_after(first_day, months):
    index = first_day.year * 12 + first_day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def feed_contents(events, first, last, base_url):
    """(dates, series) for a feed of ``events`` from ``first`` to ``last``: dates as
    (EventSummary, CalendarDate) pairs and repeating entries as ``Series``, each in time
    order."""
    limit = conf.get("INVOLVEMENT_CALENDAR_FEED_DATES_PER_EVENT")
    window = (first, last)
    by_event = [F("event_id")]
    # The dates still to come rank first, so an event cut short keeps its next dates.
    over = Case(When(end__lt=timezone.now(), then=Value(1)), default=Value(0))
    set_for_window = Case(When(original_date__range=window, then=F("original_start")))
    ranked = list(
        EventOccurrence.objects.filter(event__in=events, day__range=window)
        .annotate(
            rank=Window(RowNumber(), partition_by=by_event, order_by=[over, F("start"), F("pk")]),
            event_total=Window(Count("pk"), partition_by=by_event),
            span_first=Window(Min(set_for_window), partition_by=by_event),
            span_last=Window(Max(set_for_window), partition_by=by_event),
        )
        .filter(rank__lte=limit)
        .order_by("start", "pk")
        .values_list(*DATE_FIELDS, "event_total", "span_first", "span_last")
    )
    # Cancelled and moved dates, of any rank: a repeating entry must name each of them.
    changed = list(
        EventOccurrence.objects.filter(event__in=events)
        .exclude(status=SCHEDULED)
        .filter(Q(day__range=window) | Q(original_date__range=window))
        .order_by("start", "pk")
        .values_list(*DATE_FIELDS)
    )
    width = len(DATE_FIELDS)
    records = load_dates([row[:width] for row in ranked] + changed, base_url)
    ranked_dates, changed_dates = records[: len(ranked)], records[len(ranked) :]
    totals = {row[0]: row[width:] for row in ranked}
    changes_of = {}
    for record in changed_dates:
        changes_of.setdefault(record.event.pk, []).append(record)

    events_by_id = {record.event.pk: record.event for record in ranked_dates}
    dates, series = [], []
    repeating = {}
    for event_id, (total, span_first, span_last) in totals.items():
        if total <= limit or span_first is None:
            continue
        event = events_by_id[event_id]
        rule = open_ended(event.rrule)
        changes = changes_of.get(event_id, [])
        if rule and len(changes) <= limit:
            repeating[event_id] = _series(event, rule, span_first, span_last, changes, window)
    for record in ranked_dates:
        if record.event.pk not in repeating:
            dates.append((record.event, record))
    for entry, moved_in in repeating.values():
        series.append(entry)
        dates.extend((record.event, record) for record in moved_in)
    dates.sort(key=lambda pair: (pair[1].local_start, pair[0].pk))
    series.sort(key=lambda entry: (entry.first_start, entry.event.pk))
    return dates, series


def _series(event, rule, span_first, span_last, changes, window):
    """The event's repeating entry, and its dates moved into the window from outside it
    (sent on their own: the entry covers only dates first set inside the window)."""
    zone = ZoneInfo(event.timezone)
    first_start = _local(span_first, zone)
    last_start = _local(span_last, zone)
    inside, left_out, moved_in = [], [], []
    for record in changes:
        set_for = record.local_original_start
        if not first_start <= set_for <= last_start:
            if window[0] <= record.day <= window[1]:
                moved_in.append(record)
        elif window[0] <= record.day <= window[1]:
            inside.append(record)
        else:
            left_out.append(set_for)
    entry = Series(event, rule, first_start, last_start, tuple(inside), tuple(left_out))
    return entry, moved_in


def _local(moment, zone):
    return moment.astimezone(zone).replace(tzinfo=None)
