"""On a small phone: from an event to its sign-up form and a place, and from a one-off way
to take part to joining the register."""

from datetime import time, timedelta

from django.utils import timezone

import pytest

from forms.models import SignUp
from involvement_pages.calendar.choices import Booking
from tests.browser.conftest import assert_no_axe_violations
from tests.forms.factories import RegisterFormPageFactory, SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.involvement_pages.factories import OpportunityPageFactory

SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture
def small_page(browser):
    context = browser.new_context(viewport=SMALL_PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def event(home, menu):
    form = SignUpFormPageFactory(
        parent=menu, title="Book a place at Talent School", when="", where="", capacity=3
    )
    SignUpFactory(page=form)
    return EventPageFactory(
        parent=CalendarPageFactory(parent=home),
        title="Talent School course",
        start_date=timezone.localdate() + timedelta(days=9),
        start_time=time(10),
        end_time=time(13),
        booking=Booking.BOOKING_REQUIRED,
        sign_up_page=form,
    )


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_resident_books_a_place_from_the_event_page_at_320px(live_server, small_page, event):
    page = small_page
    page.goto(live_server.url + event.url)
    assert page.get_by_text("2 places left.").first.is_visible()
    assert fits_the_screen(page)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Book a place at Talent School course").first.click()

    page.wait_for_url(f"**{event.sign_up_page.url}")
    assert page.get_by_role("link", name="Talent School course").first.is_visible()
    assert fits_the_screen(page)
    assert_no_axe_violations(page)
    page.get_by_label("Full name").fill("Ben Example")
    page.get_by_label("Email address").fill("ben@example.com")
    page.get_by_role("button", name="Sign up").click()

    page.wait_for_url("**/thanks/**")
    assert SignUp.objects.get(person__email="ben@example.com").status == "place"
    page.goto(live_server.url + event.url)
    assert page.get_by_text("1 place left.").first.is_visible()


def test_a_full_event_leads_to_the_waiting_list_at_320px(live_server, small_page, event):
    SignUpFactory.create_batch(2, page=event.sign_up_page)
    page = small_page
    page.goto(live_server.url + event.url)

    page.get_by_role(
        "link", name="Full: join the waiting list for Talent School course"
    ).first.click()

    page.wait_for_url(f"**{event.sign_up_page.url}")
    assert page.get_by_role("button", name="Join the waiting list").is_visible()
    assert_no_axe_violations(page)


def test_a_one_off_way_to_take_part_offers_joining_the_register_at_320px(
    live_server, small_page, menu
):
    join = RegisterFormPageFactory(parent=menu)
    survey = OpportunityPageFactory(
        parent=menu, title="Quick surveys", how_to_join="<p>No need to sign up.</p>"
    )
    page = small_page
    page.goto(live_server.url + survey.url)
    assert fits_the_screen(page)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Join the Customer Voice").click()

    page.wait_for_url(f"**{join.url}")
    assert page.get_by_role("heading", level=1).inner_text() == "Join the Customer Voice"
