from datetime import date, time, timedelta

from django.utils import timezone

from wagtail.models import Site

import pytest

from involvement_pages.site_settings import ContactDetails
from tests.browser.conftest import assert_no_axe_violations
from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
    cancel,
)
from tests.involvement_pages.factories import (
    AreaFactory,
    InvolvementMenuPageFactory,
    OpportunityPageFactory,
    SupportOptionFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def calendar_with_events(home):
    calendar = CalendarPageFactory(parent=home)
    menu = InvolvementMenuPageFactory(parent=home)
    area_panels = OpportunityPageFactory(parent=menu, title="Area Panels")
    childcare = SupportOptionFactory(slug="childcare", name="Childcare costs")
    travel = SupportOptionFactory(slug="travel-expenses", name="Travel expenses")
    hartlepool = AreaFactory(slug="hartlepool", name="Hartlepool")
    stockton = AreaFactory(slug="stockton-on-tees", name="Stockton-on-Tees")
    headland = VenueFactory(
        slug="headland",
        name="Headland Community Rooms",
        address="Church Close",
        town="Hartlepool",
        postcode="TS24 0QP",
        step_free=True,
        hearing_loop=True,
        accessible_toilet=True,
        parking=True,
        bus_routes="Headland buses from Hartlepool town centre stop outside",
    )
    first = timezone.localdate() + timedelta(days=3)
    EventPageFactory(
        parent=calendar,
        title="Hartlepool Area Panel",
        summary="Decide how the area budget is spent.",
        start_date=first,
        start_time=time(13, 30),
        end_time=time(15, 30),
        rrule="FREQ=WEEKLY;COUNT=3",
        venue=headland,
        all_areas=False,
        areas=[hartlepool],
        support=[childcare, travel],
        exceptions=[cancel(first + timedelta(days=7), note="The rooms are closed.")],
        opportunity=area_panels,
    )
    EventPageFactory(
        parent=calendar,
        title="Stockton Area Panel",
        start_date=first,
        all_areas=False,
        areas=[stockton],
        support=[childcare],
    )
    EventPageFactory(parent=calendar, title="Young Voices meet-up", start_date=first)
    return calendar


def choose_and_show(page, *labels):
    page.get_by_text("Choose which events to show").click()
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Show events").click()


def test_resident_filters_the_calendar_and_reads_the_venue_access(
    live_server, browser_page, calendar_with_events
):
    page = browser_page
    page.goto(live_server.url + calendar_with_events.url)

    choose_and_show(page, "Hartlepool", "Childcare costs")

    assert page.get_by_role("status").inner_text().startswith("3 dates match your choices")
    assert page.get_by_role("link", name="Stockton Area Panel").count() == 0
    assert page.get_by_text("The rooms are closed.").is_visible()
    page.get_by_role("link", name="Hartlepool Area Panel").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == "Hartlepool Area Panel"
    access = page.get_by_role("region", name="Getting there and access")
    features = access.get_by_role("list").first.inner_text().splitlines()
    assert features == ["Step-free access", "Hearing loop", "Accessible toilet", "Parking"]
    assert "Headland buses from Hartlepool town centre stop outside" in access.inner_text()
    assert page.get_by_role("link", name="Add these dates to your calendar").is_visible()


def test_calendar_filters_and_month_view_work_without_javascript(
    live_server, browser, calendar_with_events
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + calendar_with_events.url + "month/")

    choose_and_show(page, "Stockton-on-Tees")

    assert "area=stockton-on-tees" in page.url
    assert "/month/" in page.url
    assert page.get_by_role("link", name="Stockton Area Panel").count() >= 1
    assert page.get_by_role("link", name="Hartlepool Area Panel").count() == 0
    context.close()


@pytest.mark.parametrize("view", ["list", "month", "year", "event", "opportunity"])
def test_calendar_and_event_pages_have_no_axe_violations(
    live_server, browser_page, calendar_with_events, view
):
    event = calendar_with_events.get_children().first().specific
    url = {
        "list": calendar_with_events.url + "?support=childcare",
        "month": calendar_with_events.url + "month/",
        "year": calendar_with_events.url + "year/",
        "event": event.url,
        "opportunity": event.opportunity.url,  # with its dates coming up, one cancelled
    }[view]
    browser_page.goto(live_server.url + url)
    assert_no_axe_violations(browser_page)


def test_month_grid_has_no_axe_violations_on_a_wide_screen(
    live_server, browser, calendar_with_events
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + calendar_with_events.url + "month/")
    assert page.get_by_role("table").is_visible()
    assert_no_axe_violations(page)
    context.close()


def test_the_printed_year_carries_how_to_book_and_leaves_out_the_site_map(
    live_server, browser_page, calendar_with_events
):
    ContactDetails.objects.create(
        site=Site.objects.get(is_default_site=True), phone="01632 960 111"
    )
    page = browser_page
    page.goto(live_server.url + calendar_with_events.url + "year/")
    how_to_book = page.get_by_role("heading", name="How to book")
    assert not how_to_book.is_visible()  # on screen the page itself is the way to book
    assert page.get_by_role("link", name="Site map (XML)").is_visible()

    page.emulate_media(media="print")

    assert how_to_book.is_visible()
    web_address = f"{live_server.url}{calendar_with_events.url}"
    assert page.get_by_text(f"Book online at {web_address}, or phone 01632 960 111.").is_visible()
    assert not page.get_by_role("link", name="Site map (XML)").is_visible()
    assert page.get_by_role("link", name="Hartlepool Area Panel").first.is_visible()


def test_year_shows_a_daily_event_briefly_and_links_to_all_its_dates(
    live_server, browser_page, home
):
    calendar = CalendarPageFactory(parent=home)
    year = timezone.localdate().year + 1
    EventPageFactory(
        parent=calendar,
        title="Coffee morning",
        start_date=date(year, 1, 1),
        rrule="FREQ=DAILY;COUNT=365",
    )
    page = browser_page
    page.goto(f"{live_server.url}{calendar.url}year/?year={year}")

    assert page.get_by_role("link", name="Coffee morning", exact=True).count() == 12
    assert_no_axe_violations(page)
    page.get_by_role("link", name="353 more dates of Coffee morning").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Coffee morning"
