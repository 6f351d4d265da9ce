from datetime import date

from django.utils import timezone

import pytest

from cms_site.demo import calendar as demo_calendar
from involvement_pages.calendar.models.events import EventOccurrence, EventPage
from involvement_pages.calendar.models.venues import Venue

pytestmark = pytest.mark.django_db


def counts():
    return {
        "events": EventPage.objects.count(),
        "dates": EventOccurrence.objects.count(),
        "venues": Venue.objects.count(),
    }


def test_demo_calendar_is_alive_today_and_loads_only_once(client, demo_site):
    first = counts()
    calendar = demo_calendar.load_calendar()

    assert counts() == first
    assert calendar.url == "/calendar/"
    this_year = timezone.localdate().year
    council = EventPage.objects.get(slug=f"customer-council-{this_year + 1}")
    assert council.stored_dates.count() >= 10  # "at least 10 times a year"
    assert council.opportunity.slug == "customer-council"
    assert council.venue.hearing_loop
    response = client.get("/calendar/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count > 20
    roadshows = EventPage.objects.filter(kind="roadshow", start_date__year=this_year + 1)
    assert all(r.start_date.weekday() == 5 for r in roadshows)  # Saturdays, as in the seeds
    feed = client.get("/calendar/feed/", {"year": str(this_year + 1)})
    assert (
        feed.content.count(b"BEGIN:VEVENT")
        == EventOccurrence.objects.filter(
            day__gte=date(this_year + 1, 1, 1), day__lte=date(this_year + 1, 12, 31)
        ).count()
    )
