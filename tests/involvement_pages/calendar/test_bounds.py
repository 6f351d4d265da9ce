"""The year page and the feeds stay small however often an event happens, and their
cached copies give way at once to a published change."""

import re
from datetime import UTC, date, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import icalendar
import pytest
from dateutil.rrule import rrulestr

from involvement_pages.calendar.models.events import EventOccurrence
from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
    cancel,
    move,
)

pytestmark = pytest.mark.django_db

YEAR = {"year": "2027"}


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


def text_of(response):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r" ([.,:;)])", r"\1", text)


def year_rows(response):
    """The year's table rows, as (day, event) text."""
    html = response.content.decode()
    rows = re.findall(
        r"<tr(?: class=\"[^\"]*\")?>\s*<td>(.*?)</td>.*?<a href=[^>]*>(.*?)</a>", html, re.S
    )
    return [(day, title) for day, title in rows]


def daily(calendar, title="Coffee morning", count=365, **kwargs):
    return EventPageFactory(
        parent=calendar,
        title=title,
        start_date=date(2027, 1, 1),
        start_time=time(10),
        end_time=time(11),
        rrule=f"FREQ=DAILY;COUNT={count}",
        **kwargs,
    )


# The printable year


def test_year_lists_the_first_twelve_dates_of_a_daily_event_and_says_how_many_more(
    client, calendar
):
    daily(calendar)
    EventPageFactory(
        parent=calendar,
        title="Area Panel",
        start_date=date(2027, 1, 12),
        rrule="FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
    )

    response = client.get(calendar.url + "year/", YEAR)

    rows = year_rows(response)
    assert [day for day, title in rows if title == "Coffee morning"] == [
        f"{name} {n}"
        for name, n in zip(
            ["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"] * 2, range(1, 13), strict=False
        )
    ]
    assert len([title for _day, title in rows if title == "Area Panel"]) == 12
    text = text_of(response)
    assert "377 dates in 2027." in text
    assert (
        "Tue 12 10am to 11am Coffee morning And 353 more dates of Coffee morning in 2027, "
        "the last on Friday 31 December." in text
    )
    assert "Events that happen more than 12 times in the year show their first 12 dates" in text
    assert "of Area Panel in 2027" not in text


def test_year_page_is_the_same_size_for_40_dates_of_an_event_as_for_365(client, calendar):
    event = daily(calendar, count=40)
    few = client.get(calendar.url + "year/", YEAR)

    event.rrule = "FREQ=DAILY;COUNT=365"
    event.save_revision().publish()
    many = client.get(calendar.url + "year/", YEAR)

    assert "And 28 more dates" in text_of(few)
    assert "And 353 more dates" in text_of(many)
    # Only the counts and the name of the last date differ.
    assert abs(len(few.content) - len(many.content)) < 20


def test_year_limit_is_a_setting(client, calendar, settings):
    settings.INVOLVEMENT_CALENDAR_YEAR_DATES_PER_EVENT = 3
    daily(calendar)

    response = client.get(calendar.url + "year/", YEAR)

    assert len(year_rows(response)) == 3
    assert "And 362 more dates of Coffee morning in 2027" in text_of(response)


def queries_of(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.parametrize(("route", "params"), [("year/", YEAR), ("feed/", {})])
def test_year_and_feed_queries_do_not_grow_with_the_number_of_dates(client, home, route, params):
    counts = []
    for count in (2, 500):
        calendar = CalendarPageFactory(parent=home, slug=f"calendar-{count}")
        daily(calendar, count=count, exceptions=[cancel(date(2027, 1, 2))])
        # Wagtail's site cache, warmed alike for both; the first request also makes the
        # footer's contact details, a change that passes over what was remembered.
        client.get(calendar.url)
        client.get(calendar.url)
        counts.append(len(queries_of(client, calendar.url + route, params)))

    assert counts[0] == counts[1]


@pytest.mark.parametrize(("route", "params"), [("year/", YEAR), ("feed/", {})])
def test_a_cached_year_or_feed_reads_no_dates(client, calendar, route, params):
    daily(calendar)
    first = queries_of(client, calendar.url + route, params)

    again = queries_of(client, calendar.url + route, params)

    assert any("involvement_calendar_eventoccurrence" in sql for sql in first)
    assert not any("involvement_calendar_eventoccurrence" in sql for sql in again)
    assert len(again) < len(first)


def test_cached_year_holds_nothing_of_the_person_who_asked_first(client, calendar, admin_user):
    daily(calendar)
    client.force_login(admin_user)
    assert b"wagtail-userbar" in client.get(calendar.url + "year/", YEAR).content

    client.logout()
    response = client.get(calendar.url + "year/", YEAR)

    assert b"Coffee morning" in response.content
    assert b"wagtail-userbar" not in response.content
    assert b"csrfmiddlewaretoken" not in response.content


# What empties the cache


def test_published_change_shows_at_once_in_the_year_and_the_feed(client, calendar):
    event = daily(calendar)
    assert b"Coffee morning" in client.get(calendar.url + "year/", YEAR).content
    assert b"Coffee morning" in client.get(calendar.url + "feed/").content

    event.title = "Breakfast club"
    event.save_revision().publish()

    assert b"Breakfast club" in client.get(calendar.url + "year/", YEAR).content
    assert b"Breakfast club" in client.get(calendar.url + "feed/").content


def test_draft_change_is_not_shown(client, calendar):
    event = daily(calendar)
    client.get(calendar.url + "year/", YEAR)

    event.title = "Breakfast club"
    event.save_revision()

    assert b"Breakfast club" not in client.get(calendar.url + "year/", YEAR).content


@pytest.mark.parametrize("change", ["unpublish", "delete", "move", "restrict"])
def test_event_taken_away_leaves_the_year_and_the_feed_at_once(client, home, calendar, change):
    event = daily(calendar)
    assert b"Coffee morning" in client.get(calendar.url + "year/", YEAR).content
    assert b"Coffee morning" in client.get(calendar.url + "feed/").content

    if change == "unpublish":
        event.unpublish()
    elif change == "delete":
        event.delete()
    elif change == "move":
        event.move(CalendarPageFactory(parent=home, slug="old-calendar"), pos="last-child")
    else:
        event.view_restrictions.create(restriction_type="password", password="x")

    assert b"Coffee morning" not in client.get(calendar.url + "year/", YEAR).content
    assert b"Coffee morning" not in client.get(calendar.url + "feed/").content


def test_venue_saved_shows_its_new_name_at_once(client, calendar):
    venue = VenueFactory(name="Riverside Centre")
    daily(calendar, venue=venue)
    assert b"Riverside Centre" in client.get(calendar.url + "year/", YEAR).content

    venue.name = "Quayside Hall"
    venue.save()

    assert b"Quayside Hall" in client.get(calendar.url + "year/", YEAR).content


# The feed's window and its entries


def expand(feed):
    """Every date a calendar app shows for ``feed``: (start, status, summary) in time
    order, repeating entries expanded with dateutil, as apps do, and changed dates put
    in place of the ones they replace."""
    shown, replaced = [], set()
    for entry in feed.events:
        uid = str(entry["UID"])
        if "RECURRENCE-ID" in entry:
            replaced.add((uid, entry["RECURRENCE-ID"].dt))
    for entry in feed.events:
        uid, status, summary = str(entry["UID"]), str(entry["STATUS"]), str(entry["SUMMARY"])
        if "RRULE" in entry:
            rule = rrulestr(entry["RRULE"].to_ical().decode(), dtstart=entry.start)
            skipped = entry.get("EXDATE", [])
            lists = skipped if isinstance(skipped, list) else [skipped]
            skipped = {when.dt for dates in lists for when in dates.dts}
            shown += [
                (start, status, summary)
                for start in rule
                if start not in skipped and (uid, start) not in replaced
            ]
        else:
            shown.append((entry.start, status, summary))
    return sorted(shown, key=lambda item: item[0].astimezone(UTC))


def read_feed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.content)


def stored(event, first, last):
    rows = EventOccurrence.objects.filter(event=event, day__range=(first, last))
    return sorted((row.start, row.status) for row in rows)


def test_daily_event_is_one_repeating_entry_that_a_calendar_app_expands_to_every_date(
    client, calendar
):
    event = EventPageFactory(
        parent=calendar,
        title="Coffee morning",
        start_date=date(2026, 12, 20),
        start_time=time(10),
        end_time=time(11),
        rrule="FREQ=DAILY;COUNT=400",
        exceptions=[
            cancel(date(2027, 3, 10), note="The hall is closed."),
            move(date(2027, 5, 5), new_date=date(2027, 5, 6), new_start_time=time(14)),
            move(date(2026, 12, 30), new_date=date(2027, 1, 2)),  # into the year
            move(date(2027, 6, 1), new_date=date(2028, 2, 1)),  # out of it
        ],
    )

    response, feed = read_feed(client, calendar.url + "feed/", year="2027")

    # The entry, its cancelled and moved dates, and the date moved in from 2026.
    assert len(feed.events) == 4
    assert len(response.content) < 10_000
    shown = expand(feed)
    first, last = date(2027, 1, 1), date(2027, 12, 31)
    assert [(start.astimezone(UTC), status.lower()) for start, status, _ in shown] == [
        (start, "cancelled" if status == "cancelled" else "confirmed")
        for start, status in stored(event, first, last)
    ]
    assert all(first <= start.date() <= last for start, _status, _summary in shown)
    by_day = {start.date(): (start, status, summary) for start, status, summary in shown}
    assert by_day[date(2027, 3, 10)][1:] == ("CANCELLED", "Cancelled: Coffee morning")
    assert by_day[date(2027, 5, 6)][0].hour == 14
    assert date(2027, 5, 5) not in by_day
    assert date(2027, 6, 1) not in by_day
    assert (by_day[date(2027, 7, 1)][0].hour, by_day[date(2027, 1, 1)][0].hour) == (10, 10)


def test_default_feed_has_no_date_outside_its_window(client, calendar):
    today = timezone.localdate()
    event = EventPageFactory(
        parent=calendar,
        title="Coffee morning",
        start_date=today - timedelta(days=200),
        rrule="FREQ=DAILY;COUNT=500",
        exceptions=[cancel(today + timedelta(days=3))],
    )
    this_month = today.replace(day=1)
    first = date(this_month.year - (this_month.month <= 3), (this_month.month - 4) % 12 + 1, 1)

    _response, feed = read_feed(client, calendar.url + "feed/")

    shown = expand(feed)
    assert shown[0][0].date() == first
    assert shown[-1][0].date() == today - timedelta(days=200) + timedelta(days=499)
    assert len(shown) == len(stored(event, first, date(9999, 1, 1)))


def test_event_whose_rule_apps_read_differently_sends_only_its_next_dates(
    client, calendar, settings
):
    settings.INVOLVEMENT_CALENDAR_FEED_DATES_PER_EVENT = 5
    EventPageFactory(
        parent=calendar,
        title="Month-end surgery",
        start_date=date(2027, 1, 30),
        rrule="FREQ=MONTHLY;BYMONTHDAY=30;COUNT=11",
    )
    EventPageFactory(
        parent=calendar, title="Walkabout", start_date=date(2027, 1, 5), rrule="FREQ=WEEKLY;COUNT=6"
    )

    _response, feed = read_feed(client, calendar.url + "feed/", year="2027")

    surgery = [e for e in feed.events if str(e["SUMMARY"]) == "Month-end surgery"]
    assert [e.start.date() for e in surgery] == [
        date(2027, 1, 30),
        date(2027, 3, 30),
        date(2027, 4, 30),
        date(2027, 5, 30),
        date(2027, 6, 30),
    ]
    assert not any("RRULE" in e for e in surgery)
    [walkabout] = [e for e in feed.events if str(e["SUMMARY"]) == "Walkabout"]
    assert walkabout["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270209T180000Z"
    assert len([start for start, _s, title in expand(feed) if title == "Walkabout"]) == 6


def test_feed_of_daily_events_has_one_entry_each(client, calendar, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    for n in range(20):
        daily(calendar, title=f"Drop-in {n}", count=500)

    response, feed = read_feed(client, calendar.url + "feed/", year="2027")

    assert len(feed.events) == 20
    assert len(response.content) < 30_000
    assert len(expand(feed)) == 20 * 365


def test_a_cache_server_that_is_down_slows_the_calendar_but_breaks_nothing(
    client, calendar, settings
):
    # Port 9 answers nothing: every read, write and count fails as it would with Redis down.
    settings.CACHES = {
        **settings.CACHES,
        "calendar": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.INVOLVEMENT_CALENDAR_CACHE = "calendar"
    event = daily(calendar, count=3)

    event.title = "Tea and talk"
    event.save_revision().publish()  # a publish moves the cache's number on: it must not fail

    assert client.get(calendar.url + "year/", YEAR).status_code == 200
    feed = client.get(calendar.url + "feed/")
    assert feed.status_code == 200
    assert b"Tea and talk" in feed.content
