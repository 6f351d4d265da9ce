from datetime import UTC, date, time, timedelta

from django.utils import timezone

import icalendar
import pytest

from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
    cancel,
    move,
)
from tests.involvement_pages.factories import SupportOptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


def feed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_weekly_six_pm_meeting_is_at_six_pm_london_time_all_year(client, calendar):
    # Every Tuesday from 2 March to 30 November 2027: across both clock changes.
    EventPageFactory(
        parent=calendar,
        title="Residents' forum",
        start_date=date(2027, 3, 2),
        start_time=time(18),
        end_time=time(19, 30),
        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20271130",
    )

    events = feed(client, calendar.url + "feed/", year="2027").events

    assert len(events) == 40
    for event in events:
        assert event.start.tzinfo.key == "Europe/London"
        assert (event.start.hour, event.start.minute) == (18, 0)
        assert (event.end.hour, event.end.minute) == (19, 30)
    in_utc = {e.start.date(): e.start.astimezone(UTC).hour for e in events}
    assert in_utc[date(2027, 3, 23)] == 18  # GMT
    assert in_utc[date(2027, 3, 30)] == 17  # BST, after the clocks went forward
    assert in_utc[date(2027, 10, 26)] == 17
    assert in_utc[date(2027, 11, 2)] == 18  # GMT again


def test_feed_carries_a_vtimezone_with_both_clock_changes(client, calendar):
    EventPageFactory(parent=calendar, start_date=date(2027, 6, 1))

    [zone] = feed(client, calendar.url + "feed/", year="2027").timezones

    assert zone.tz_name == "Europe/London"
    assert {sub.name for sub in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_cancelled_date_carries_the_status_and_moved_date_its_new_time(client, calendar):
    EventPageFactory(
        parent=calendar,
        title="Area Panel",
        start_date=date(2027, 2, 2),
        rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU;COUNT=3",
        exceptions=[
            cancel(date(2027, 4, 6), note="The hall is closed."),
            move(date(2027, 6, 1), new_date=date(2027, 6, 8), new_start_time=time(10)),
        ],
    )

    events = feed(client, calendar.url + "feed/", year="2027").events

    by_date = {e.start.date(): e for e in events}
    assert sorted(by_date) == [date(2027, 2, 2), date(2027, 4, 6), date(2027, 6, 8)]
    assert by_date[date(2027, 4, 6)]["STATUS"] == "CANCELLED"
    assert str(by_date[date(2027, 4, 6)]["SUMMARY"]) == "Cancelled: Area Panel"
    assert "The hall is closed." in by_date[date(2027, 4, 6)]["DESCRIPTION"]
    moved = by_date[date(2027, 6, 8)]
    assert moved["STATUS"] == "CONFIRMED"
    assert (moved.start.hour, moved.end.hour) == (10, 12)
    assert "Moved from Tuesday 1 June at 6pm." in moved["DESCRIPTION"]
    assert by_date[date(2027, 2, 2)]["STATUS"] == "CONFIRMED"


def test_uids_are_unique_and_survive_a_date_being_moved(client, calendar):
    event = EventPageFactory(
        parent=calendar, start_date=date(2027, 1, 12), rrule="FREQ=WEEKLY;COUNT=3"
    )
    before = {e.start.date(): str(e["UID"]) for e in feed(client, calendar.url + "feed/").events}

    event.exceptions = [move(date(2027, 1, 19), new_date=date(2027, 1, 21))]
    event.save_revision().publish()
    after = {e.start.date(): str(e["UID"]) for e in feed(client, calendar.url + "feed/").events}

    assert len(set(before.values())) == 3
    assert after[date(2027, 1, 21)] == before[date(2027, 1, 19)]
    assert set(after.values()) == set(before.values())


def test_each_date_has_its_place_web_address_and_a_text_that_survives_escaping(client, calendar):
    venue = VenueFactory(
        name="Riverside Centre", address="Quayside Walk", town="Stockton", postcode="TS18 1QW"
    )
    title = "Rents, budgets; value for money: drop-in ☕ with Siobhán's café"
    event = EventPageFactory(
        parent=calendar,
        title=title,
        summary="Tell us your priorities. " * 12,
        start_date=date(2027, 1, 26),
        venue=venue,
    )

    response = client.get(calendar.url + "feed/", {"year": "2027"})

    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    [entry] = icalendar.Calendar.from_ical(response.content).events
    assert str(entry["SUMMARY"]) == title
    assert str(entry["LOCATION"]) == "Riverside Centre, Quayside Walk, Stockton, TS18 1QW"
    assert str(entry["URL"]) == f"http://testserver{event.url}"
    assert str(entry["DESCRIPTION"]).startswith("Tell us your priorities. Tell us")


def test_filtered_feed_has_only_the_events_the_resident_chose(client, calendar):
    childcare = SupportOptionFactory(slug="childcare", name="Childcare")
    EventPageFactory(parent=calendar, title="With childcare", support=[childcare])
    EventPageFactory(parent=calendar, title="Without")

    filtered = feed(client, calendar.url + "feed/", year="2027", support="childcare")
    whole = feed(client, calendar.url + "feed/", year="2027")

    assert [str(e["SUMMARY"]) for e in filtered.events] == ["With childcare"]
    assert len(whole.events) == 2
    assert "(your choices)" in str(filtered["X-WR-CALNAME"])


def months_from(first_day, months):
    index = first_day.year * 12 + first_day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def test_default_feed_runs_from_three_months_back_to_fifteen_months_ahead(client, calendar):
    this_month = timezone.localdate().replace(day=1)
    first = months_from(this_month, -3)
    last = months_from(this_month, 16) - timedelta(days=1)
    for title, day in [
        ("Day before", first - timedelta(days=1)),
        ("First day", first),
        ("Last day", last),
        ("Day after", last + timedelta(days=1)),
    ]:
        EventPageFactory(parent=calendar, title=title, start_date=day)

    events = feed(client, calendar.url + "feed/").events

    assert [str(e["SUMMARY"]) for e in events] == ["First day", "Last day"]


def test_event_download_has_every_date_as_an_attachment(client, calendar):
    event = EventPageFactory(
        parent=calendar,
        title="Talent School",
        start_date=date(2027, 1, 7),
        rrule="FREQ=MONTHLY;BYDAY=1TH;COUNT=4",
        exceptions=[cancel(date(2027, 2, 4))],
    )

    response = client.get(event.url + "ics/")

    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    events = icalendar.Calendar.from_ical(response.content).events
    assert [(e.start.date().month, str(e["STATUS"])) for e in events] == [
        (1, "CONFIRMED"),
        (2, "CANCELLED"),
        (3, "CONFIRMED"),
        (4, "CONFIRMED"),
    ]
    subscribed = feed(client, calendar.url + "feed/", year="2027").events
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in subscribed]


def test_draft_event_has_no_download(client, calendar):
    event = EventPageFactory(parent=calendar, live=False)
    assert client.get(event.url_path.replace("/home", "", 1) + "ics/").status_code == 404
