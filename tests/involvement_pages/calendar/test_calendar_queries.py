from datetime import time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

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


def add_events(calendar, opportunity, support, count):
    today = timezone.localdate()
    for n in range(count):
        first = today + timedelta(days=n % 20)
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
        )


def calendar_queries(client, calendar):
    client.get(calendar.url)  # warm Wagtail's site cache so both sizes are measured alike
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
    add_events(calendar, opportunity, support, 5)
    small = calendar_queries(client, calendar)
    add_events(calendar, opportunity, support, 45)
    large = calendar_queries(client, calendar)

    assert small == large
    assert max(large.values()) <= QUERY_BOUND


def test_event_page_and_download_queries_do_not_grow_with_its_dates(
    client, home, no_search_indexing
):
    calendar = CalendarPageFactory(parent=home)
    today = timezone.localdate()
    few = EventPageFactory(parent=calendar, start_date=today, rrule="FREQ=WEEKLY;COUNT=2")
    many = EventPageFactory(parent=calendar, start_date=today, rrule="FREQ=WEEKLY;COUNT=200")

    counts = []
    for event in (few, many):
        client.get(event.url)
        with CaptureQueriesContext(connection) as page_queries:
            client.get(event.url)
        with CaptureQueriesContext(connection) as file_queries:
            client.get(event.url + "ics/")
        counts.append((len(page_queries), len(file_queries)))

    assert counts[0] == counts[1]
    assert max(counts[1]) <= QUERY_BOUND
