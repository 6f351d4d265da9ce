from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from involvement_pages.calendar.models.events import EventPage
from involvement_pages.calendar.models.venues import Venue
from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


def event_form(venue, exceptions=(), **fields):
    return nested_form_data(
        {
            "title": "Customer Council meeting",
            "slug": "customer-council-meeting",
            "summary": "The monthly meeting of the Customer Council.",
            "kind": "meeting",
            "start_date": "2027-01-12",
            "start_time": "17:30",
            "end_time": "19:30",
            "rrule": "FREQ=MONTHLY;BYDAY=2TU;COUNT=3",
            "exceptions": inline_formset(list(exceptions)),
            "venue": venue.pk,
            "location_details": "",
            "online_details": "",
            "online_url": "",
            "all_areas": "on",
            "booking": "open",
            "capacity": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "Publish",
            **fields,
        }
    )


def add_url(calendar):
    return reverse(
        "wagtailadmin_pages:add", args=("involvement_calendar", "eventpage", calendar.pk)
    )


def test_editor_publishes_a_series_with_a_cancelled_date(editor_client, calendar):
    venue = VenueFactory()
    exception = {
        "original_date": "2027-02-09",
        "cancelled": "on",
        "new_date": "",
        "new_start_time": "",
        "new_end_time": "",
        "note": "Snow",
    }

    response = editor_client.post(add_url(calendar), event_form(venue, [exception]))

    assert response.status_code == 302
    event = EventPage.objects.get(slug="customer-council-meeting")
    assert event.live
    assert [(d.original_date, d.status) for d in event.stored_dates.order_by("start")] == [
        (date(2027, 1, 12), "scheduled"),
        (date(2027, 2, 9), "cancelled"),
        (date(2027, 3, 9), "scheduled"),
    ]


@pytest.mark.parametrize(
    ("exception", "message"),
    [
        (
            {"original_date": "2027-02-10", "cancelled": "on"},
            "This event does not happen on this date.",
        ),
        ({"original_date": "2027-02-09"}, "Tick &#x27;cancelled&#x27;, or give the new date"),
        (
            {"original_date": "2027-02-09", "cancelled": "on", "new_date": "2027-02-16"},
            "Either cancel this date or move it, not both.",
        ),
    ],
)
def test_a_change_to_a_date_that_makes_no_sense_is_explained(
    editor_client, calendar, exception, message
):
    row = {"new_date": "", "new_start_time": "", "new_end_time": "", "note": "", **exception}

    response = editor_client.post(add_url(calendar), event_form(VenueFactory(), [row]))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()


def test_a_rule_without_an_end_is_refused_with_a_reason(editor_client, calendar):
    response = editor_client.post(
        add_url(calendar), event_form(VenueFactory(), rrule="FREQ=MONTHLY;BYDAY=2TU")
    )

    assert response.status_code == 200
    assert "Say when the series ends" in response.content.decode()


def test_venues_are_kept_under_menu_lists(editor_client):
    VenueFactory(name="Headland Community Rooms", town="Hartlepool")

    listing = editor_client.get(reverse("wagtailsnippets_involvement_calendar_venue:list"))
    add = editor_client.get(reverse("wagtailsnippets_involvement_calendar_venue:add"))

    assert listing.status_code == 200
    assert "Headland Community Rooms" in listing.content.decode()
    assert add.status_code == 200
    assert "Step-free access" in add.content.decode()
    assert Venue.objects.count() == 1


def test_the_explorer_tells_apart_pages_with_one_title_by_their_dates(editor_client, calendar):
    for year in (2026, 2027):
        EventPageFactory(
            parent=calendar,
            title="Area Panel",
            slug=f"area-panel-{year}",
            start_date=date(year, 3, 10),
            rrule="FREQ=MONTHLY;COUNT=6",
        )
    EventPageFactory(parent=calendar, title="Open day", start_date=date(2027, 6, 12))

    html = editor_client.get(reverse("wagtailadmin_explore", args=[calendar.pk])).content.decode()

    assert "Area Panel (from March 2026)" in html
    assert "Area Panel (from March 2027)" in html
    assert "Open day (Saturday 12 June 2027)" in html
