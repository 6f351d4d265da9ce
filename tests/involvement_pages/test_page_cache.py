"""Public pages kept whole in the shared cache for anonymous visitors, and passed over as soon
as anything shown on them changes."""

from django.contrib.auth.models import User
from django.http import HttpResponse

import pytest

from forms.models import RegisterSubmission
from importers.engine import run_import
from involvement_pages import page_cache
from involvement_pages.calendar.choices import Booking
from involvement_pages.dashboard.models import AnnualReportPage
from involvement_pages.page_cache import HIT_HEADER, pages, places_of, shows
from tests.forms.factories import (
    EqualityFactory,
    PersonFactory,
    RegisterFormPageFactory,
    SignUpFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.involvement_pages.calendar.test_bookings import soon
from tests.involvement_pages.factories import OpportunityPageFactory, SupportOptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_pages(settings):
    """As in production; the test settings keep none, so other tests measure rendering."""
    settings.INVOLVEMENT_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def opportunity(menu):
    return OpportunityPageFactory(
        parent=menu, title="Estate Champions", support=[SupportOptionFactory(name="Travel")]
    )


def test_a_second_visitor_gets_the_same_page_from_the_cache_without_a_query(
    client, menu, opportunity, django_assert_num_queries
):
    client.get(menu.url)  # the site's contact details are made on the first page shown
    first = client.get(opportunity.url)
    with django_assert_num_queries(0):
        second = client.get(opportunity.url)

    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_without_the_middleware_the_page_serves_its_copy_after_wagtails_routing(
    client, menu, opportunity, settings, django_assert_max_num_queries
):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "PageCacheMiddleware" not in m]
    client.get(menu.url)
    first = client.get(opportunity.url)
    # Wagtail's routing only: the site, the page at each level of its path, who may see
    # it. Shown in full, the same page takes 18.
    with django_assert_max_num_queries(8):
        second = client.get(opportunity.url)

    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content


def test_a_visitor_with_a_session_is_left_to_the_page_which_knows_who_they_are(client, opportunity):
    editor = User.objects.create_user("editor", is_staff=True)
    client.get(opportunity.url)
    client.force_login(editor)

    signed_in = client.get(opportunity.url)

    assert HIT_HEADER not in signed_in


def test_each_address_with_its_query_is_kept_apart(client, menu, opportunity):
    whole = client.get(menu.url)
    searched = client.get(menu.url, {"q": "nothing like it"})

    assert searched[HIT_HEADER] == "miss"
    assert "Estate Champions" in whole.content.decode()
    assert "Estate Champions" not in searched.content.decode()


def test_publishing_a_change_shows_at_once(client, menu, opportunity):
    client.get(menu.url)
    client.get(opportunity.url)

    opportunity.title = "Estate Inspectors"
    opportunity.save_revision().publish()

    assert "Estate Inspectors" in client.get(menu.url).content.decode()
    assert "Estate Inspectors" in client.get(opportunity.url).content.decode()


def test_unpublishing_a_page_removes_it_from_the_kept_menu(client, menu, opportunity):
    client.get(menu.url)

    opportunity.unpublish()

    assert "Estate Champions" not in client.get(menu.url).content.decode()
    assert client.get(opportunity.url).status_code == 404


def test_changing_a_shared_list_shows_on_pages_that_use_it(client, opportunity):
    client.get(opportunity.url)
    travel = opportunity.support.get()

    travel.name = "Travel costs paid"
    travel.save()

    assert "Travel costs paid" in client.get(opportunity.url).content.decode()


@pytest.fixture
def booked_events(home, menu):
    """Two events, each booked with its own form of limited places."""
    calendar = CalendarPageFactory(parent=home)
    talks = SignUpFormPageFactory(parent=menu, title="Book the talk", capacity=16)
    walks = SignUpFormPageFactory(parent=menu, title="Book the walk", capacity=5)
    booked = {"booking": Booking.BOOKING_REQUIRED, "start_date": soon(7), "capacity": None}
    talk = EventPageFactory(parent=calendar, title="Talk", sign_up_page=talks, **booked)
    walk = EventPageFactory(parent=calendar, title="Walk", sign_up_page=walks, **booked)
    return calendar, talks, talk, walk


def test_a_sign_up_shows_at_once_where_its_places_show_and_keeps_every_other_page(
    client, menu, opportunity, booked_events
):
    """A busy morning of sign-ups must not throw away every kept page: only the pages that
    show that form's places are drawn again."""
    calendar, talks, talk, walk = booked_events
    client.get(menu.url)  # the site's contact details are made on the first page shown
    for page in (talk, walk, calendar, opportunity):
        assert client.get(page.url)[HIT_HEADER] == "miss"

    SignUpFactory(page=talks)

    talk_page, calendar_page = client.get(talk.url), client.get(calendar.url)
    assert talk_page[HIT_HEADER] == calendar_page[HIT_HEADER] == "miss"
    assert "15 places left" in talk_page.content.decode()
    assert "(15 places left)" in calendar_page.content.decode()
    assert client.get(walk.url)[HIT_HEADER] == "hit"
    assert client.get(opportunity.url)[HIT_HEADER] == "hit"


def test_a_cancelled_sign_up_gives_its_place_back_on_the_kept_pages(client, booked_events):
    _calendar, talks, talk, _walk = booked_events
    sign_up = SignUpFactory(page=talks)
    assert "15 places left" in client.get(talk.url).content.decode()

    sign_up.delete()

    assert "16 places left" in client.get(talk.url).content.decode()


def test_joining_the_register_keeps_every_page_but_the_annual_reports_live_figures(
    client, home, menu, opportunity, booked_events
):
    """No public page shows who joined, their equality answers or their claims, except as
    the annual report's counts."""
    _calendar, _talks, talk, _walk = booked_events
    join = RegisterFormPageFactory(parent=menu)
    report = AnnualReportPage(title="Annual report", slug="annual-report", year=2025)
    home.add_child(instance=report)
    client.get(menu.url)  # the site's contact details are made on the first page shown
    for page in (opportunity, talk, report):
        assert client.get(page.url)[HIT_HEADER] == "miss"

    person = PersonFactory()
    RegisterSubmission.objects.create(page=join, person=person, form_data={})
    EqualityFactory(person=person)

    assert client.get(opportunity.url)[HIT_HEADER] == "hit"
    assert client.get(talk.url)[HIT_HEADER] == "hit"
    assert client.get(report.url)[HIT_HEADER] == "miss"


def test_a_page_drawn_while_a_place_was_taken_is_not_kept(rf, menu):
    """Its rows may be from before the sign-up and its numbers from after: keeping it would
    show the old places until the next sign-up."""
    form = SignUpFormPageFactory(parent=menu, capacity=3)

    def draw_while_someone_signs_up():
        shows(places_of(form.pk))
        SignUpFactory(page=form)
        return HttpResponse("3 places left")

    def draw():
        shows(places_of(form.pk))
        return HttpResponse("2 places left")

    first = page_cache.serve(rf.get("/event/"), draw_while_someone_signs_up)
    second = page_cache.serve(rf.get("/event/"), draw)
    third = page_cache.serve(rf.get("/event/"), draw)

    assert HIT_HEADER not in first
    assert second[HIT_HEADER] == "miss"
    assert third[HIT_HEADER] == "hit"
    assert third.content == b"2 places left"


def test_someone_signed_in_is_never_served_or_kept_a_shared_copy(client, opportunity):
    client.force_login(User.objects.create_user("editor", is_staff=True))
    signed_in = client.get(opportunity.url)
    client.logout()
    anonymous = client.get(opportunity.url)

    assert HIT_HEADER not in signed_in
    assert anonymous[HIT_HEADER] == "miss"


def test_pages_with_a_form_are_never_kept(client, menu):
    form = SignUpFormPageFactory(parent=menu, capacity=3)

    client.get(form.url)
    again = client.get(form.url)

    assert HIT_HEADER not in again
    assert "no-store" in again["Cache-Control"]


def test_pages_not_found_are_not_kept(client, menu):
    client.get(menu.url + "no-such-page/")

    assert HIT_HEADER not in client.get(menu.url + "no-such-page/")


def test_keeping_no_pages_is_a_setting(client, opportunity, settings):
    settings.INVOLVEMENT_PAGE_CACHE_SECONDS = None

    client.get(opportunity.url)

    assert HIT_HEADER not in client.get(opportunity.url)


def test_a_cache_server_that_is_down_costs_speed_never_a_page_or_a_publish(
    client, menu, opportunity, settings
):
    # Port 9 answers nothing: every read, write and count fails as it would with Redis down.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.INVOLVEMENT_PAGE_CACHE = "pages"

    opportunity.title = "Estate Inspectors"
    opportunity.save_revision().publish()
    response = client.get(menu.url)

    assert response.status_code == 200
    assert "Estate Inspectors" in response.content.decode()


def test_an_import_that_writes_passes_over_the_kept_pages(menu):
    register = b"Reference,Full name,Email\nT-1,Ada Example,ada@example.com\n"
    before = pages.current()
    checked = run_import("people", register, "people.csv", dry_run=True)
    after_check = pages.current()

    imported = run_import("people", register, "people.csv", dry_run=False)

    assert checked.ok
    assert after_check == before  # a dry run changes nothing shown
    assert imported.written
    assert pages.current() != before
