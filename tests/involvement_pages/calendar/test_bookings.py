"""An event that takes bookings links to its sign-up form, and the form shows the event.

The event's details (title, dates, place) live on the event and its places on the form, so
the event page, the calendar and the form cannot disagree.
"""

import json
import re
from datetime import time, timedelta

from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from forms.choices import SignUpStatus
from forms.models import SignUp
from involvement_pages.calendar.models.events import Booking
from tests.forms.conftest import sign_up_data
from tests.forms.factories import SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
    cancel,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


@pytest.fixture
def form(menu):
    """A sign-up form with no date or place of its own: the event it books gives them."""
    return SignUpFormPageFactory(
        parent=menu, title="Book a place at Talent School", when="", where="", capacity=16
    )


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def soon(days):
    return timezone.localdate() + timedelta(days=days)


def text_of(response):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r" ([.,:;)])", r"\1", text)


def links(response, text):
    """The hrefs of links whose visible words start with ``text``."""
    html = response.content.decode()
    found = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, flags=re.S)
    return [
        href for href, inner in found if re.sub(r"<[^>]+>|\s+", " ", inner).strip().startswith(text)
    ]


def talent_school(calendar, form, **fields):
    fields = {
        "parent": calendar,
        "title": "Talent School course",
        "start_date": soon(7),
        "start_time": time(10),
        "end_time": time(13),
        "booking": Booking.BOOKING_REQUIRED,
        "capacity": None,
        "sign_up_page": form,
        **fields,
    }
    return EventPageFactory(**fields)


def fill(form, count, status=SignUpStatus.PLACE):
    for _ in range(count):
        SignUpFactory(page=form, status=status)


def test_event_that_takes_bookings_links_to_its_form_with_the_places_left(client, calendar, form):
    event = talent_school(calendar, form)
    fill(form, 3)

    response = client.get(event.url)
    text = text_of(response)

    assert set(links(response, "Book a place")) == {form.url}
    assert "13 places left." in text
    assert "Please book a place: there are 16 places." in text


def test_full_event_offers_the_waiting_list_on_the_same_form(client, calendar, form):
    event = talent_school(calendar, form)
    fill(form, 16)

    response = client.get(event.url)

    assert set(links(response, "Full: join the waiting list")) == {form.url}
    assert links(response, "Book a place") == []
    assert "places left" not in text_of(response)


def test_full_event_without_a_waiting_list_says_full_and_links_to_no_form(client, calendar, form):
    form.waiting_list = False
    form.save_revision().publish()
    event = talent_school(calendar, form)
    fill(form, 16)

    response = client.get(event.url)

    assert "Full Every place has been taken." in text_of(response)
    assert form.url not in response.content.decode()


def test_booking_through_the_link_takes_a_place_the_event_page_then_counts(client, calendar, form):
    event = talent_school(calendar, form)
    fill(form, 14)
    (book,) = set(links(client.get(event.url), "Book a place"))

    response = client.post(book, sign_up_data())

    assert response.status_code == 302
    assert SignUp.objects.get(person__email="ben@example.com").status == SignUpStatus.PLACE
    after = client.get(event.url)
    assert "1 place left." in text_of(after)


def test_the_last_place_taken_turns_the_link_into_the_waiting_list(client, calendar, form):
    form.capacity = 1
    form.save_revision().publish()
    event = talent_school(calendar, form)
    (book,) = set(links(client.get(event.url), "Book a place"))

    client.post(book, sign_up_data())

    assert set(links(client.get(event.url), "Full: join the waiting list")) == {form.url}


def test_an_event_with_no_dates_left_takes_no_bookings(client, calendar, form):
    finished = talent_school(calendar, form, start_date=soon(-30))
    first = soon(4)
    all_cancelled = talent_school(
        calendar, form, title="Cancelled course", start_date=first, exceptions=[cancel(first)]
    )

    for event in (finished, all_cancelled):
        response = client.get(event.url)
        assert links(response, "Book a place") == []
        assert form.url not in response.content.decode()


def test_a_draft_form_is_not_linked(client, calendar, form):
    event = talent_school(calendar, form)
    form.unpublish()

    response = client.get(event.url)

    assert links(response, "Book a place") == []
    assert "Please book a place." in text_of(response)


def test_invitation_only_event_links_its_form_for_those_invited(client, calendar, form):
    event = talent_school(calendar, form, booking=Booking.INVITATION_ONLY)

    response = client.get(event.url)
    text = text_of(response)

    assert "This event is for invited members only." in text
    assert "If you have been invited, book your place with the form." in text
    assert set(links(response, "Book a place")) == {form.url}


def test_the_calendar_lists_the_event_with_a_link_to_book_and_the_places_left(
    client, calendar, form
):
    talent_school(calendar, form, rrule="FREQ=WEEKLY;COUNT=2")
    EventPageFactory(parent=calendar, title="Drop-in", start_date=soon(8))
    fill(form, 10)

    response = client.get(calendar.url)

    assert links(response, "Book a place") == [form.url, form.url]  # each date's card
    assert (
        text_of(response).count(
            "Booking needed. Book a place at Talent School course (6 places left)"
        )
        == 2
    )


def test_the_calendar_says_full_and_links_the_waiting_list(client, calendar, form):
    talent_school(calendar, form)
    fill(form, 16)

    response = client.get(calendar.url)

    assert links(response, "Full: join the waiting list") == [form.url]
    assert links(response, "Book a place") == []


def test_the_form_shows_the_events_title_dates_and_place(client, calendar, form):
    venue = VenueFactory(name="Middlesbrough Resource Centre", town="Middlesbrough")
    event = talent_school(calendar, form, venue=venue, rrule="FREQ=WEEKLY;COUNT=2")
    first, second = soon(7), soon(14)

    response = client.get(form.url)
    text = text_of(response)

    assert set(links(response, "Talent School course")) == {event.url}
    assert f"Dates {first:%A} {first.day} {first:%B %Y}, 10am to 1pm" in text
    assert f"{second:%A} {second.day} {second:%B %Y}, 10am to 1pm" in text
    assert "Where Middlesbrough Resource Centre, 1 Quayside Walk, Middlesbrough" in text
    assert "Places left 16 of 16" in text


def test_a_changed_event_changes_what_its_form_says(client, calendar, form):
    event = talent_school(calendar, form)
    moved_to = soon(21)
    event.title = "Talent School: chairing meetings"
    event.start_date = moved_to
    event.save_revision().publish()

    text = text_of(client.get(form.url))

    assert f"When {moved_to:%A} {moved_to.day} {moved_to:%B %Y}, 10am to 1pm" in text
    assert "Event Talent School: chairing meetings" in text


def test_a_form_for_an_event_refuses_a_date_or_place_of_its_own(calendar, form):
    talent_school(calendar, form)
    form.when = "Thursday 7 January 2027, 10am"
    form.where = "Somewhere else"

    with pytest.raises(ValidationError) as error:
        form.full_clean()

    assert set(error.value.message_dict) == {"when", "where"}
    assert "the event “Talent School course” takes bookings" in error.value.messages[0]


def test_a_form_no_event_books_with_keeps_its_own_date_and_place(client, menu):
    form = SignUpFormPageFactory(parent=menu, when="Saturday 8 May 2027, 10am")

    form.full_clean()
    text = text_of(client.get(form.url))

    assert "When Saturday 8 May 2027, 10am" in text
    assert "Event" not in text


def test_the_confirmation_email_gives_the_events_details(
    client, calendar, form, django_capture_on_commit_callbacks
):
    venue = VenueFactory(name="Middlesbrough Resource Centre", town="Middlesbrough")
    talent_school(calendar, form, venue=venue)
    day = soon(7)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(form.url, sign_up_data())

    (email,) = [m for m in mail.outbox if m.to == ["ben@example.com"]]
    assert (
        f"Talent School course\n{day:%A} {day.day} {day:%B %Y}, 10am to 1pm\n"
        "Middlesbrough Resource Centre, 1 Quayside Walk, Middlesbrough"
    ) in email.body


def test_an_event_with_a_form_keeps_no_number_of_places_of_its_own(calendar, form):
    event = talent_school(calendar, form)
    event.capacity = 16

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert "its number of places is used" in error.value.message_dict["capacity"][0]


def test_an_event_open_to_all_takes_no_sign_up_form(calendar, form):
    event = talent_school(calendar, form)
    event.booking = Booking.OPEN

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert "A sign-up form is for booking" in error.value.message_dict["sign_up_page"][0]


def test_search_engines_read_the_forms_number_of_places(client, calendar, form):
    event = talent_school(calendar, form)

    html = client.get(event.url).content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])
    assert data["@graph"][0]["maximumAttendeeCapacity"] == 16
