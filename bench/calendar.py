"""Calendar of involvement at 5,000 events (a fifth of them series): server time and queries.

Targets (issue 4): the month view and the upcoming list at most 15 queries and a median
under 80 ms; the whole year's iCalendar feed under 1 s. The year page is shown for
information. All events fall in next year, so every case has a full year to read.
Run: .venv/bin/python bench/calendar.py
"""

import sys
from pathlib import Path

# Named as the issue asks, this file would hide the standard library's calendar module
# (Django and dateutil import it) while bench/ is first on the path, so it goes last.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH] + [str(BENCH)]

import json  # noqa: E402
from datetime import date, datetime, time, timedelta  # noqa: E402
from statistics import median  # noqa: E402
from time import process_time  # noqa: E402

from _harness import (  # noqa: E402
    ENGINE,
    main,
    measure_get,
    setup_django,
)

EVENTS = 5_000
SERIES_EVERY = 5  # one event in five repeats
SERIES_RULES = (
    "FREQ=WEEKLY;COUNT=10",
    "FREQ=WEEKLY;INTERVAL=2;COUNT=8",
    "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE;COUNT=4",
)
YEAR = date.today().year + 1
CASES = {
    "month view": (f"/calendar/month/?month={YEAR}-03", 30),
    "month view, filtered": (
        f"/calendar/month/?month={YEAR}-03&support=childcare&format=online",
        30,
    ),
    "upcoming list": ("/calendar/", 30),
    "upcoming list, filtered": ("/calendar/?area=hartlepool&support=childcare&page=2", 30),
    "year feed": (f"/calendar/feed/?year={YEAR}", 20),
    "year page (no target)": (f"/calendar/year/?year={YEAR}", 5),
}
TARGETS = {
    "month view": "<= 15 queries, < 80 ms",
    "month view, filtered": "<= 15 queries, < 80 ms",
    "upcoming list": "<= 15 queries, < 80 ms",
    "upcoming list, filtered": "<= 15 queries, < 80 ms",
    "year feed": "< 1,000 ms",
}


def build():
    from django.test import override_settings

    from dateutil.rrule import rrulestr

    from involvement_pages.calendar.models import CalendarPage
    from involvement_pages.calendar.models.events import EventKind, EventOccurrence, EventPage
    from involvement_pages.calendar.models.venues import Venue
    from involvement_pages.models import OpportunityPage
    from involvement_pages.snippets import Area, Audience, SupportOption

    calendar = CalendarPage.objects.get()
    EventPage.objects.child_of(calendar).delete()  # only the seeded year below is measured
    calendar.refresh_from_db()
    venues = [*Venue.objects.all(), None]
    support = list(SupportOption.objects.all())
    areas = list(Area.objects.all())
    audiences = list(Audience.objects.all())
    opportunities = list(OpportunityPage.objects.all()[:20])
    kinds = EventKind.values
    first_day = date(YEAR, 1, 1)
    with override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
        }
    ):
        for n in range(EVENTS):
            rule = SERIES_RULES[n // SERIES_EVERY % 4] if n % SERIES_EVERY == 0 else ""
            start = first_day + timedelta(days=(n * 7) % 300 if rule else n % 365)
            if rule:  # start on the rule's own first date, as editors must
                start = next(iter(rrulestr(rule, dtstart=datetime.combine(start, time())))).date()
            venue = venues[n % len(venues)]
            event = EventPage(
                title=f"{kinds[n % len(kinds)].replace('-', ' ').capitalize()} {n}",
                slug=f"event-{n}",
                summary="Come and tell us what you think about your homes and services.",
                kind=kinds[n % len(kinds)],
                start_date=start,
                start_time=time(10 + n % 9),
                end_time=time(20),
                rrule=rule,
                venue=venue,
                online=venue is None or n % 3 == 0,
                opportunity=opportunities[n % len(opportunities)],
                all_areas=n % 4 == 0,
                booking=("open", "booking_required", "invitation_only")[n % 3],
                capacity=20 + n % 40,
            )
            event.support = support[n % 6 : n % 6 + 5]
            event.areas = [] if n % 4 == 0 else areas[n % len(areas) : n % len(areas) + 2]
            event.audiences = audiences[n % 3 : n % 3 + 3]
            calendar.add_child(instance=event)
    assert EventPage.objects.child_of(calendar).count() == EVENTS
    stored = EventOccurrence.objects.filter(day__year=YEAR).count()
    print(f"{EVENTS} events, {stored} dates in {YEAR}", file=sys.stderr)


def run_case(name, db):
    setup_django(db)
    from django.test import Client

    url, runs = CASES[name]
    client = Client()
    result = measure_get(client, url, runs=runs, warmup=2)
    result["cpu_ms"] = cpu_median(client, url, runs)
    print(json.dumps({"case": name, "target": TARGETS.get(name, "-"), **result}))


def cpu_median(client, url, runs):
    """Median CPU time of this process per request: on a shared machine, wall time also
    counts the wait for a free core, so both are shown."""
    times = []
    for _ in range(runs):
        started = process_time()
        assert client.get(url).status_code == 200
        times.append((process_time() - started) * 1000)
    return round(median(times), 1)


if __name__ == "__main__":
    main(
        __file__,
        "calendar",
        build,
        run_case,
        CASES,
        f"Calendar of involvement, {EVENTS} events ({EVENTS // SERIES_EVERY} series), "
        f"dates in {YEAR}, {ENGINE}",
        ["case", "median_ms", "cpu_ms", "queries", "bytes", "target"],
    )
