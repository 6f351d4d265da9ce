from datetime import time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from forms.choices import SignUpStatus
from involvement_pages.calendar.choices import Booking
from tests.forms.factories import SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory, cancel
from tests.involvement_pages.factories import OpportunityPageFactory, SupportOptionFactory

pytestmark = pytest.mark.django_db

QUERY_BOUND = 15
VIEWS = {
    "list": ("", {}),
    "list filtered": ("", {"support": "s0", "level": "giving_views", "page": "2"}),
    "month": ("month/", {}),
    "month filtered": ("month/", {"format": "online", "opportunity": "group"}),
    "year": ("year/", {}),
    "feed": ("feed/", {}),
    "feed filtered": ("feed/", {"support": "s0", "area": "a0"}),
}


@pytest.fixture
def no_search_indexing(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }


def booked_with(form_page, places_taken):
    """Fields of an event residents book with ``form_page``, some of whose places are taken."""
    for _ in range(places_taken):
        SignUpFactory(page=form_page, status=SignUpStatus.PLACE)
    return {"booking": Booking.BOOKING_REQUIRED, "sign_up_page": form_page}


def add_events(calendar, opportunity, support, count, menu):
    today = timezone.localdate()
    for n in range(count):
        first = today + timedelta(days=n % 20)
        # Every fourth event takes bookings with a form of its own, some full.
        booking = (
            booked_with(SignUpFormPageFactory(parent=menu, capacity=2), n % 3) if n % 4 == 0 else {}
        )
        EventPageFactory(
            parent=calendar,
            start_date=first,
            start_time=time(10 + n % 8),
            end_time=time(19),
            rrule="FREQ=WEEKLY;COUNT=6" if n % 5 == 0 else "",
            exceptions=[cancel(first)] if n % 10 == 0 else None,
            opportunity=opportunity if n % 2 else None,
            support=support[: n % 3 + 1],
            online=bool(n % 3),
            **booking,
        )


def calendar_queries(client, calendar):
    # Warm Wagtail's site cache so both sizes are measured alike; the first request also
    # makes the footer's contact details, a change that passes over what was remembered.
    client.get(calendar.url)
    client.get(calendar.url)
    counts = {}
    for name, (route, params) in VIEWS.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(calendar.url + route, params).status_code == 200
        counts[name] = len(queries)
    return counts


def test_calendar_and_feed_queries_do_not_grow_with_the_number_of_events(
    client, home, menu, no_search_indexing
):
    calendar = CalendarPageFactory(parent=home)
    opportunity = OpportunityPageFactory(parent=menu, slug="group", title="Group")
    support = [SupportOptionFactory(slug=f"s{i}", name=f"Support {i}") for i in range(3)]
    add_events(calendar, opportunity, support, 5, menu)
    small = calendar_queries(client, calendar)
    add_events(calendar, opportunity, support, 45, menu)
    large = calendar_queries(client, calendar)

    assert small == large
    assert max(large.values()) <= QUERY_BOUND
    assert "Book a place" in client.get(calendar.url).content.decode()  # forms were read


def test_event_page_and_download_queries_do_not_grow_with_its_dates(
    client, home, menu, no_search_indexing
):
    calendar = CalendarPageFactory(parent=home)
    today = timezone.localdate()
    form = SignUpFormPageFactory(parent=menu, capacity=3)  # both events take one place
    few = EventPageFactory(
        parent=calendar, start_date=today, rrule="FREQ=WEEKLY;COUNT=2", **booked_with(form, 1)
    )
    many = EventPageFactory(
        parent=calendar, start_date=today, rrule="FREQ=WEEKLY;COUNT=200", **booked_with(form, 1)
    )

    counts = []
    for event in (few, many):
        client.get(event.url)
        with CaptureQueriesContext(connection) as page_queries:
            assert "1 place left." in client.get(event.url).content.decode()
        with CaptureQueriesContext(connection) as file_queries:
            client.get(event.url + "ics/")
        counts.append((len(page_queries), len(file_queries)))

    assert counts[0] == counts[1]
    assert max(counts[1]) <= QUERY_BOUND
