"""Calendar of involvement: server time, queries and size of its views and feeds.

Two data sets, each in its own template database. "events": 5,000 events (a fifth of
them series), all in next year. Targets (issue 4): the month view and the upcoming list
at most 15 queries and a median under 80 ms; the whole year's iCalendar feed under 1 s;
the year page is shown for information. "daily": 100 events that each happen every day
(500 dates each, 50,000 in all). Targets (issue 12): the year page and the feed under
300 ms and under 1 MB, cold (the first request after a publish) as well as warm (cached).
Run: .venv/bin/python bench/calendar.py [--set events|daily]
"""

import sys
from pathlib import Path

# Named as the issue asks, this file would hide the standard library's calendar module
# (Django and dateutil import it) while bench/ is first on the path, so it goes last.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH] + [str(BENCH)]

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
from datetime import date, datetime, time, timedelta  # noqa: E402
from statistics import median  # noqa: E402
from time import perf_counter, process_time  # noqa: E402

from _harness import (  # noqa: E402
    ENGINE,
    build_template,
    measure_get,
    print_table,
    run_cases,
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
    "year feed, cold": (f"/calendar/feed/?year={YEAR}", 10),
    "year page (no target)": (f"/calendar/year/?year={YEAR}", 5),
    "year page, cold (no target)": (f"/calendar/year/?year={YEAR}", 5),
}
DAILY_EVENTS = 100
DAILY_RULE = "FREQ=DAILY;COUNT=500"
DAILY_CASES = {
    "daily: year page, cold": (f"/calendar/year/?year={YEAR}", 10),
    "daily: year page, warm": (f"/calendar/year/?year={YEAR}", 30),
    "daily: feed, cold": ("/calendar/feed/", 10),
    "daily: feed, warm": ("/calendar/feed/", 30),
    "daily: year feed, cold": (f"/calendar/feed/?year={YEAR}", 10),
    "daily: year feed, warm": (f"/calendar/feed/?year={YEAR}", 30),
}
TARGETS = {
    "month view": "<= 15 queries, < 80 ms",
    "month view, filtered": "<= 15 queries, < 80 ms",
    "upcoming list": "<= 15 queries, < 80 ms",
    "upcoming list, filtered": "<= 15 queries, < 80 ms",
    "year feed": "< 1,000 ms",
    "year feed, cold": "< 1,000 ms",
    **dict.fromkeys(DAILY_CASES, "< 300 ms, < 1 MB"),
}


def build_events():
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


def build_daily():
    """100 events, each every day from 1 January next year, 500 dates: 50,000 in all."""
    from django.test import override_settings

    from involvement_pages.calendar.models import CalendarPage
    from involvement_pages.calendar.models.events import EventOccurrence, EventPage
    from involvement_pages.calendar.models.venues import Venue

    calendar = CalendarPage.objects.get()
    EventPage.objects.child_of(calendar).delete()
    calendar.refresh_from_db()
    venues = list(Venue.objects.all())
    with override_settings(
        WAGTAILSEARCH_BACKENDS={
            "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
        }
    ):
        for n in range(DAILY_EVENTS):
            calendar.add_child(
                instance=EventPage(
                    title=f"Drop-in advice session {n}",
                    slug=f"drop-in-{n}",
                    summary="Come and ask us anything about your home, your rent or repairs.",
                    start_date=date(YEAR, 1, 1),
                    start_time=time(9 + n % 8),
                    end_time=time(17),
                    rrule=DAILY_RULE,
                    venue=venues[n % len(venues)],
                )
            )
    stored = EventOccurrence.objects.filter(event__in=EventPage.objects.child_of(calendar))
    print(f"{DAILY_EVENTS} daily events, {stored.count()} dates", file=sys.stderr)


SETS = {
    "events": (
        build_events,
        CASES,
        f"Calendar of involvement, {EVENTS} events ({EVENTS // SERIES_EVERY} series), "
        f"dates in {YEAR}, {ENGINE}",
    ),
    "daily": (
        build_daily,
        DAILY_CASES,
        f"Calendar of involvement, {DAILY_EVENTS} events every day ({DAILY_RULE}), {ENGINE}",
    ),
}


def run_case(name, db):
    setup_django(db)
    from django.test import Client

    url, runs = {**CASES, **DAILY_CASES}[name]
    client = Client()
    if "cold" in name:
        result = measure_cold(client, url, runs)
    else:
        result = measure_get(client, url, runs=runs, warmup=2)
        result["cpu_ms"] = cpu_median(client, url, runs)
    print(json.dumps({"case": name, "target": TARGETS.get(name, "-"), **result}))


def measure_cold(client, url, runs):
    """Each request the first since a publish: the cache is passed over before each one,
    as publishing does, outside the timed span."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from involvement_pages.calendar.caching import calendar_changed

    client.get(url)  # Wagtail's site cache and Django's own start-up, as warm cases have
    timings, cpu, queries = [], [], []
    for _ in range(runs):
        calendar_changed()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = perf_counter(), process_time()
            response = client.get(url)
            timings.append((perf_counter() - started) * 1000)
            cpu.append((process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
    return {
        "median_ms": round(median(timings), 1),
        "queries": max(queries),
        "bytes": len(response.content),
        "cpu_ms": round(median(cpu), 1),
    }


def cpu_median(client, url, runs):
    """Median CPU time of this process per request: on a shared machine, wall time also
    counts the wait for a free core, so both are shown."""
    times = []
    for _ in range(runs):
        started = process_time()
        assert client.get(url).status_code == 200
        times.append((process_time() - started) * 1000)
    return round(median(times), 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=SETS, action="append")
    parser.add_argument("--case")
    parser.add_argument("--db")
    parser.add_argument("--build", choices=SETS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        run_case(args.case, args.db)
        return
    if args.build:
        # Its own process: Django is set up once per process, on one database.
        print(build_template(f"calendar-{args.build}", SETS[args.build][0]))
        return
    for name in args.set or list(SETS):
        built = subprocess.run(
            [sys.executable, __file__, "--build", name],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        template = built.stdout.strip().splitlines()[-1]
        _build, cases, title = SETS[name]
        columns = ["case", "median_ms", "cpu_ms", "queries", "bytes", "target"]
        print_table(title, run_cases(__file__, template, list(cases)), columns)


if __name__ == "__main__":
    main()
