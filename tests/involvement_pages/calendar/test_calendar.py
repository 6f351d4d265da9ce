import json
import re
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import Site

import pytest

from involvement_pages.calendar.models.events import Booking, EventKind
from involvement_pages.choices import Level
from involvement_pages.site_settings import ContactDetails
from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
    cancel,
    move,
)
from tests.involvement_pages.factories import (
    AreaFactory,
    OpportunityPageFactory,
    SupportOptionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


def soon(days):
    return timezone.localdate() + timedelta(days=days)


def text_of(response):
    """The page's visible words, one space apart, for asserting what a resident reads."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r" ([.,:;)])", r"\1", text)


MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def html_of(response):
    return response.content.decode()


def titles(response):
    return [o.event.title for _, dates in response.context["days"] for o in dates]


def test_upcoming_list_groups_dates_by_day_in_time_order(client, calendar):
    EventPageFactory(parent=calendar, title="Forum", start_date=soon(3), start_time=time(18))
    EventPageFactory(
        parent=calendar,
        title="Walkabout",
        start_date=soon(3),
        start_time=time(10),
        end_time=time(11, 30),
    )
    EventPageFactory(parent=calendar, title="Last year", start_date=soon(-400))

    response = client.get(calendar.url)

    assert response.status_code == 200
    assert titles(response) == ["Walkabout", "Forum"]
    text = text_of(response)
    day = soon(3)
    assert f"{day:%A} {day.day} {day:%B %Y}" in text
    assert "10am to 11:30am Walkabout" in text
    assert "2 dates." in text


def test_a_series_lists_each_date_and_drafts_and_other_calendars_stay_out(client, calendar, home):
    EventPageFactory(
        parent=calendar, title="Council", start_date=soon(1), rrule="FREQ=WEEKLY;COUNT=3"
    )
    EventPageFactory(parent=calendar, title="Draft", start_date=soon(1), live=False)
    other = CalendarPageFactory(parent=home, slug="other-calendar")
    EventPageFactory(parent=other, title="Elsewhere", start_date=soon(1))

    assert titles(client.get(calendar.url)) == ["Council"] * 3


def test_cancelled_date_shows_cancelled_and_moved_date_shows_at_its_new_time(client, calendar):
    first = soon(7)
    EventPageFactory(
        parent=calendar,
        title="Area Panel",
        start_date=first,
        rrule="FREQ=WEEKLY;COUNT=3",
        exceptions=[
            cancel(first, note="The hall is closed for repairs."),
            move(first + timedelta(days=7), new_start_time=time(10), new_end_time=time(12)),
        ],
    )

    response = client.get(calendar.url)

    text = text_of(response)
    assert "Cancelled The hall is closed for repairs." in text
    moved_from = first + timedelta(days=7)
    assert "10am to 12pm" in text.replace("midday", "12pm")
    assert f"Moved It was on {moved_from:%A} {moved_from.day} {moved_from:%B} at 6pm." in text
    assert [o.status for _, dates in response.context["days"] for o in dates] == [
        "cancelled",
        "moved",
        "scheduled",
    ]


def test_month_grid_puts_late_evening_and_early_morning_events_in_the_right_month(client, calendar):
    # 23:30 on 31 March 2027 is 22:30 UTC (clocks went forward on the 28th);
    # 00:30 on 1 November 2027 is 00:30 UTC (clocks went back on 31 October).
    EventPageFactory(
        parent=calendar,
        title="Late",
        start_date=date(2027, 3, 31),
        start_time=time(23, 30),
        end_time=time(23, 45),
    )
    EventPageFactory(
        parent=calendar,
        title="Early",
        start_date=date(2027, 11, 1),
        start_time=time(0, 30),
        end_time=time(1, 30),
    )

    march = client.get(calendar.url + "month/", {"month": "2027-03"})
    october = client.get(calendar.url + "month/", {"month": "2027-10"})
    november = client.get(calendar.url + "month/", {"month": "2027-11"})

    assert "11:30pm Late" in text_of(march)
    assert october.context["total"] == 0
    assert "12:30am Early" in text_of(november)
    weeks = march.context["weeks"]
    assert weeks[0][0]["date"] == date(2027, 3, 1)  # a Monday
    assert weeks[-1][2]["date"] == date(2027, 3, 31)
    assert not weeks[-1][3]["in_month"]


def test_month_grid_shows_four_a_day_and_links_to_the_rest(client, calendar):
    for hour in range(9, 15):
        EventPageFactory(
            parent=calendar,
            title=f"Session at {hour}",
            start_date=date(2027, 5, 12),
            start_time=time(hour),
            end_time=time(hour, 45),
        )

    response = client.get(calendar.url + "month/", {"month": "2027-05"})

    text = text_of(response)
    assert "Session at 12" in text
    assert "Session at 13" not in text
    assert "2 more on Wednesday 12 May 2027" in text
    html = response.content.decode()
    assert 'href="/calendar/?from=2027-05-12"' in html
    assert "6 dates in May 2027." in text


def test_empty_month_says_when_the_next_event_is(client, calendar):
    EventPageFactory(parent=calendar, title="Open day", start_date=date(2027, 10, 2))

    response = client.get(calendar.url + "month/", {"month": "2027-08"})

    text = text_of(response)
    assert "No events in August 2027." in text
    assert "The next one is Open day on Saturday 2 October 2027." in text
    html = response.content.decode()
    assert '<a href="/calendar/month/?month=2027-10">Open day on' in html
    assert '<abbr title="Monday">Mon</abbr>' in html, "weekdays are headed by short names"


def test_list_from_a_date_and_its_pages_keep_the_date(client, calendar):
    for n in range(30):
        EventPageFactory(parent=calendar, title=f"Course {n:02}", start_date=date(2027, 6, 1))
    EventPageFactory(parent=calendar, title="Before", start_date=date(2027, 5, 31))

    response = client.get(calendar.url, {"from": "2027-06-01", "page": "2"})

    assert titles(response) == [f"Course {n:02}" for n in range(25, 30)]
    assert "from=2027-06-01&amp;page=1" in response.content.decode()
    assert "Events from Tuesday 1 June 2027" in text_of(response)


def test_year_calendar_lists_every_month_with_its_dates(client, calendar):
    EventPageFactory(
        parent=calendar,
        title="Leaseholder Forum",
        start_date=date(2027, 3, 18),
        rrule="FREQ=MONTHLY;INTERVAL=6;BYDAY=3TH;COUNT=2",
        exceptions=[cancel(date(2027, 9, 16))],
    )

    response = client.get(calendar.url + "year/", {"year": "2027"})

    text = text_of(response)
    headings = re.findall(
        r'<h3 class="inv-heading-m" id="month-\d\d">([^<]+)</h3>', html_of(response)
    )
    assert headings == [f"{name} 2027" for name in MONTH_NAMES]
    assert "March 2027 Date Time Event Where Thu 18 6pm to 8pm Leaseholder Forum" in text
    assert "September 2027 Date Time Event Where Thu 16 6pm to 8pm Leaseholder Forum Cancelled" in (
        text
    )
    assert "January 2027 No events." in text
    assert "2 dates in 2027." in text


def printed_only(response):
    """The words of the year calendar's print-only "how to book" box."""
    html = response.content.decode()
    box = re.search(r'<div class="inv-print-only inv-leaflet-contact">(.*?)</div>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box.group(1))).strip()


def test_the_printed_year_says_how_to_book_with_the_web_address_and_phone(
    client, calendar, settings
):
    settings.ALLOWED_HOSTS = ["involve.example.org"]
    ContactDetails.objects.create(
        site=Site.objects.get(is_default_site=True),
        team_name="Customer Involvement Team",
        phone="01632 960 111",
        opening_hours="Monday to Friday, 9am to 5pm",
    )

    response = client.get(calendar.url + "year/", {"year": "2027"}, HTTP_HOST="involve.example.org")

    assert printed_only(response) == (
        "How to book "
        "Book online at http://involve.example.org/calendar/, or phone 01632 960 111. "
        "Customer Involvement Team: Monday to Friday, 9am to 5pm"
    )


def test_the_printed_year_without_a_phone_number_still_says_where_to_book(client, calendar):
    response = client.get(calendar.url + "year/", {"year": "2027"})

    assert printed_only(response) == "How to book Book online at http://testserver/calendar/."


@pytest.fixture
def filterable(calendar, menu):
    hartlepool = AreaFactory(slug="hartlepool", name="Hartlepool")
    AreaFactory(slug="stockton-on-tees", name="Stockton-on-Tees")
    childcare = SupportOptionFactory(slug="childcare", name="Childcare")
    taxi = SupportOptionFactory(slug="taxi", name="Taxi")
    council = OpportunityPageFactory(
        parent=menu, title="Customer Council", slug="customer-council", level=Level.MAKING_DECISIONS
    )
    OpportunityPageFactory(parent=menu, title="No events here", slug="no-events")
    step_free = VenueFactory(slug="step-free", step_free=True, hearing_loop=True)
    steps = VenueFactory(slug="steps", step_free=False, hearing_loop=True)
    day = date(2027, 4, 14)
    EventPageFactory(
        parent=calendar,
        title="Council meeting",
        start_date=day,
        opportunity=council,
        support=[childcare, taxi],
        venue=step_free,
        online=True,
    )
    EventPageFactory(
        parent=calendar,
        title="Hartlepool roadshow",
        start_date=day,
        kind=EventKind.ROADSHOW,
        all_areas=False,
        areas=[hartlepool],
        support=[childcare],
        venue=steps,
    )
    EventPageFactory(
        parent=calendar,
        title="Online chat",
        start_date=day,
        venue=None,
        online=True,
        all_areas=False,
        areas=[AreaFactory(slug="stockton-on-tees")],
    )
    return calendar


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Council meeting", "Hartlepool roadshow", "Online chat"]),
        ({"area": "hartlepool"}, ["Council meeting", "Hartlepool roadshow"]),
        ({"support": "childcare"}, ["Council meeting", "Hartlepool roadshow"]),
        ({"support": ["childcare", "taxi"]}, ["Council meeting"]),
        ({"access": ["step_free", "hearing_loop"]}, ["Council meeting"]),
        ({"access": "hearing_loop"}, ["Council meeting", "Hartlepool roadshow"]),
        ({"format": "online"}, ["Council meeting", "Online chat"]),
        ({"format": "in-person"}, ["Council meeting", "Hartlepool roadshow"]),
        ({"kind": "roadshow"}, ["Hartlepool roadshow"]),
        ({"level": "making_decisions"}, ["Council meeting"]),
        ({"opportunity": "customer-council"}, ["Council meeting"]),
        ({"q": "roadshow"}, ["Hartlepool roadshow"]),
    ],
)
def test_filters_narrow_the_calendar(client, filterable, params, expected):
    response = client.get(filterable.url, {"from": "2027-04-14", **params})
    assert titles(response) == expected


def test_opportunity_filter_offers_only_groups_with_events(client, filterable):
    response = client.get(filterable.url)
    opportunity = next(
        f for f in response.context["filters"].fields if f["filter"].key == "opportunity"
    )
    assert [o["label"] for o in opportunity["options"]] == ["Customer Council"]


def test_filters_carry_across_views_and_into_the_feed(client, filterable):
    response = client.get(filterable.url + "month/", {"month": "2027-04", "support": "childcare"})

    html = response.content.decode()
    assert '<input type="hidden" name="month" value="2027-04">' in html
    assert 'href="/calendar/year/?support=childcare"' in html
    assert "support=childcare&amp;month=2027-05" in html
    assert 'href="webcal://testserver/calendar/feed/?support=childcare"' in html
    assert 'href="http://testserver/calendar/feed/?support=childcare"' in html
    assert "2 dates in April 2027 match your choices." in text_of(response)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("month/", "month=2026-13"),
        ("month/", "month=2026-00"),
        ("month/", "month=garbage"),
        ("month/", "month=%ff%fe"),
        ("month/", "month=99999-01"),
        ("month/", "month=1850-01"),
        ("year/", "year=99999"),
        ("year/", "year=20x7"),
        ("year/", "year=-1"),
        ("", "from=2027-02-30"),
        ("", "from=yesterday"),
        ("feed/", "year=99999"),
    ],
)
def test_impossible_dates_in_the_address_are_not_found(client, calendar, path, query):
    assert client.get(f"{calendar.url}{path}?{query}").status_code == 404


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("", "page=abc"),
        ("", "page=999999"),
        ("", "support=nope&area=%00&level=x&level=x"),
        ("", "q=%ff%fe"),
        ("", "q=<script>alert(1)</script>"),
        ("month/", ""),
        ("month/", "month="),
        ("month/", "month=2027-03&month=2027-04"),
        ("year/", "year="),
        ("feed/", "unknown=1&format=carrier-pigeon"),
    ],
)
def test_odd_but_harmless_addresses_give_a_sensible_page(client, calendar, path, query):
    EventPageFactory(parent=calendar, start_date=soon(2))

    response = client.get(f"{calendar.url}{path}?{query}")

    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_event_page_shows_when_where_access_support_and_booking(client, calendar, menu):
    childcare = SupportOptionFactory(
        slug="childcare", name="Childcare", description="Paid at £7.00 an hour"
    )
    venue = VenueFactory(
        name="Headland Community Rooms",
        address="Church Close",
        town="Hartlepool",
        postcode="TS24 0QP",
        step_free=True,
        hearing_loop=True,
        accessible_toilet=False,
        bus_routes="Headland buses stop outside",
    )
    council = OpportunityPageFactory(
        parent=menu, title="Customer Council", contact_phone="01642 000 000"
    )
    event = EventPageFactory(
        parent=calendar,
        title="Customer Council meeting",
        start_date=soon(5),
        start_time=time(17, 30),
        end_time=time(19, 30),
        rrule="FREQ=WEEKLY;COUNT=2",
        venue=venue,
        support=[childcare],
        opportunity=council,
        booking=Booking.BOOKING_REQUIRED,
        capacity=30,
    )

    text = text_of(client.get(event.url))

    day = soon(5)
    assert f"Next date {day:%A} {day.day} {day:%B %Y}, 5:30pm to 7:30pm" in text
    assert "Where Headland Community Rooms, Hartlepool" in text
    assert "Church Close Hartlepool TS24 0QP" in text
    assert "Access Step-free access Hearing loop Buses" in text
    assert "Accessible toilet" not in text
    assert "Childcare: Paid at £7.00 an hour" in text
    assert "Please book a place: there are 30 places." in text
    assert "Phone: 01642 000 000" in text
    assert "Part of Customer Council" in text
    assert "Add these dates to your calendar" in text


def test_event_page_json_ld_describes_each_upcoming_date(client, calendar):
    first = soon(10)
    event = EventPageFactory(
        parent=calendar,
        title="Leaseholder Forum",
        start_date=first,
        rrule="FREQ=WEEKLY;COUNT=2",
        online=True,
        online_url="https://stream.example/forum",
        exceptions=[cancel(first)],
    )

    html = client.get(event.url).content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])
    cancelled, scheduled = data["@graph"]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert scheduled["eventStatus"] == "https://schema.org/EventScheduled"
    assert scheduled["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = scheduled["location"]
    assert place["address"]["postalCode"] == "TS18 1QW"
    assert virtual == {"@type": "VirtualLocation", "url": "https://stream.example/forum"}
    assert scheduled["organizer"]["@type"] == "Organization"
    assert scheduled["startDate"].startswith((first + timedelta(days=7)).isoformat() + "T18:00")


def test_json_ld_cannot_be_broken_out_of_by_an_editor(client, calendar):
    event = EventPageFactory(
        parent=calendar, start_date=soon(1), summary="</script><script>alert(1)</script>"
    )
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_finished_event_says_so_and_points_to_what_is_coming_up(client, calendar):
    event = EventPageFactory(parent=calendar, start_date=soon(-30))
    assert "This event has finished. See what is coming up." in text_of(client.get(event.url))


def test_a_series_says_how_often_it_happens_in_words_and_a_one_off_does_not(client, calendar):
    series = EventPageFactory(
        parent=calendar, start_date=date(2027, 1, 13), rrule="FREQ=MONTHLY;BYDAY=2WE;COUNT=12"
    )
    one_off = EventPageFactory(parent=calendar, start_date=date(2027, 1, 13))

    text = text_of(client.get(series.url))

    assert "How often Every second Wednesday of the month, 12 times, until 8 December 2027" in text
    assert "FREQ" not in text
    assert "How often" not in text_of(client.get(one_off.url))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"rrule": "FREQ=MONTHLY"}, "rrule", "Say when the series ends"),
        ({"rrule": "FREQ=MONTHLY;BYDAY=1MO;COUNT=3"}, "rrule", "does not fit the pattern"),
        ({"end_time": time(17)}, "end_time", "The end time must be after the start time."),
        ({"venue": None}, "venue", "Choose a venue"),
    ],
)
def test_editors_are_told_what_to_fix(calendar, changes, field, message):
    event = EventPageFactory(parent=calendar, start_date=date(2027, 1, 12))
    for name, value in changes.items():
        setattr(event, name, value)

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert message in " ".join(error.value.message_dict[field])


def test_republishing_replaces_the_stored_dates(calendar):
    event = EventPageFactory(
        parent=calendar, start_date=date(2027, 1, 12), rrule="FREQ=WEEKLY;COUNT=4"
    )
    assert event.stored_dates.count() == 4

    event.rrule = "FREQ=WEEKLY;COUNT=2"
    event.save_revision().publish()

    assert event.stored_dates.count() == 2


def test_saving_a_draft_leaves_the_published_dates_alone(calendar):
    event = EventPageFactory(
        parent=calendar, start_date=date(2027, 1, 12), rrule="FREQ=WEEKLY;COUNT=4"
    )
    event.rrule = "FREQ=WEEKLY;COUNT=2"
    event.save_revision()

    assert event.stored_dates.count() == 4


def test_an_opportunity_page_lists_its_next_dates_and_links_to_the_rest(client, calendar, menu):
    council = OpportunityPageFactory(parent=menu, title="Tenant Council")
    other = OpportunityPageFactory(parent=menu, title="Leaseholder Forum")
    first = soon(2)
    EventPageFactory(
        parent=calendar,
        title="Council meeting",
        opportunity=council,
        start_date=first,
        rrule="FREQ=WEEKLY;COUNT=8",
        exceptions=[cancel(first + timedelta(days=7), note="Moved to the AGM.")],
    )
    EventPageFactory(parent=calendar, title="Forum", opportunity=other, start_date=soon(1))
    EventPageFactory(parent=calendar, title="Old meeting", opportunity=council, start_date=soon(-9))
    EventPageFactory(
        parent=calendar, title="Draft meeting", opportunity=council, start_date=soon(1), live=False
    )

    response = client.get(council.url)

    text = text_of(response)
    assert "Dates coming up" in text
    shown = [(o.event.title, o.day) for o in response.context["next_dates"]]
    assert shown == [("Council meeting", first + timedelta(days=7 * n)) for n in range(5)]
    assert f"{first:%A} {first.day} {first:%B %Y}, 6pm to 8pm: Council meeting" in text
    assert "Cancelled Moved to the AGM." in text
    every_date = re.search(
        r'href="([^"]+)">See every date in the calendar', response.content.decode()
    )
    assert titles(client.get(every_date.group(1))) == ["Council meeting"] * 8


def test_an_opportunity_without_dates_shows_no_empty_section(client, calendar, menu):
    page = OpportunityPageFactory(parent=menu, title="Mystery Shopping")

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Dates coming up" not in response.content.decode()
