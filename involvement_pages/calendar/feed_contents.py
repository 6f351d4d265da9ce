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

At most four queries however many dates the window holds: each event's count, the
events, the changed dates of repeating entries, and the other events' dates, ranked in
SQL so that no event sends more than its share.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, F, Max, Min, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from . import conf
from .dates import DATE_FIELDS, load_dates, load_events
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
    in_window = EventOccurrence.objects.filter(event__in=events, day__range=window).order_by()
    # A repeating entry covers the dates first set inside the window; one moved in from
    # outside it is sent on its own.
    set_inside = Case(When(original_date__range=window, then=F("original_start")))
    spans = {
        event_id: (total, span_first, span_last)
        for event_id, total, span_first, span_last in in_window.values("event_id")
        .annotate(total=Count("pk"), span_first=Min(set_inside), span_last=Max(set_inside))
        .values_list("event_id", "total", "span_first", "span_last")
    }
    summaries = load_events(list(spans), base_url)
    repeating = {
        event_id: rule
        for event_id, (total, span_first, _last) in spans.items()
        if total > limit
        and span_first is not None
        and (rule := open_ended(summaries[event_id].rrule))
    }
    changes_of = {}
    if repeating:
        changed = (
            EventOccurrence.objects.filter(event__in=list(repeating))
            .exclude(status=SCHEDULED)
            .filter(Q(day__range=window) | Q(original_date__range=window))
            .order_by("start", "pk")
            .values_list(*DATE_FIELDS)
        )
        for record in load_dates(changed, base_url, summaries):
            changes_of.setdefault(record.event.pk, []).append(record)
    series, dates = [], []
    for event_id, rule in repeating.items():
        changes = changes_of.get(event_id, [])
        if len(changes) > limit:
            continue  # too many exceptions to be worth a rule: sent date by date
        _total, span_first, span_last = spans[event_id]
        entry, moved_in = _series(summaries[event_id], rule, span_first, span_last, changes, window)
        series.append(entry)
        dates.extend((record.event, record) for record in moved_in)
    as_series = {entry.event.pk for entry in series}
    by_date = [event_id for event_id in spans if event_id not in as_series]
    if by_date:
        # The dates still to come rank first, so an event cut short keeps its next ones.
        over = Case(When(end__lt=timezone.now(), then=Value(1)), default=Value(0))
        rank = Window(
            RowNumber(), partition_by=[F("event_id")], order_by=[over, F("start"), F("pk")]
        )
        rows = (
            in_window.filter(event__in=by_date)
            .annotate(rank=rank)
            .filter(rank__lte=limit)
            .values_list(*DATE_FIELDS)
        )
        dates.extend((record.event, record) for record in load_dates(rows, base_url, summaries))
    dates.sort(key=lambda pair: (pair[1].local_start, pair[0].pk, pair[1].original_date))
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
