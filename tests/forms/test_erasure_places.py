"""Erasing someone frees only the places at events still to come; a place at an event that
is over is what happened, kept with no name on it."""

import datetime
import html

from django.urls import reverse
from django.utils import timezone

import pytest

from forms.choices import SignUpStatus
from forms.models import SignUp
from involvement_pages.calendar.models.events import Booking
from tests.forms.factories import SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.involvement_pages.panels.factories import PersonFactory

pytestmark = pytest.mark.django_db


def booked_by_event(home, menu, start_date, title):
    form = SignUpFormPageFactory(
        parent=menu, title=f"Book {title}", when="", where="", capacity=1, waiting_list=True
    )
    calendar = CalendarPageFactory(parent=home)
    EventPageFactory(
        parent=calendar,
        title=title,
        start_date=start_date,
        booking=Booking.BOOKING_REQUIRED,
        capacity=None,
        sign_up_page=form,
    )
    return form


@pytest.fixture
def siobhan():
    return PersonFactory(name="Siobhán Kelly", email="siobhan.kelly@example.com")


def test_a_place_at_an_event_already_over_is_kept_and_nobody_moves_up(
    client, officer, siobhan, home, menu, django_capture_on_commit_callbacks
):
    last_month = timezone.localdate() - datetime.timedelta(days=30)
    form = booked_by_event(home, menu, last_month, "Estate walkabout")
    held = SignUpFactory(page=form, person=siobhan, status=SignUpStatus.PLACE)
    waiting = SignUpFactory(page=form, person=PersonFactory(), status=SignUpStatus.WAITING)

    confirm = html.unescape(
        client.get(reverse("involvement_register:delete", args=[siobhan.pk])).content.decode()
    )
    assert "still to come" not in confirm
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("involvement_register:delete", args=[siobhan.pk]))

    assert SignUp.objects.get(pk=held.pk).status == SignUpStatus.PLACE
    assert SignUp.objects.get(pk=held.pk).person.name == "Erased person"
    assert SignUp.objects.get(pk=waiting.pk).status == SignUpStatus.WAITING


def test_a_place_at_an_event_still_to_come_is_cancelled_and_offered_on(
    client, officer, siobhan, home, menu, django_capture_on_commit_callbacks
):
    next_month = timezone.localdate() + datetime.timedelta(days=30)
    form = booked_by_event(home, menu, next_month, "Tenants' forum")
    held = SignUpFactory(page=form, person=siobhan, status=SignUpStatus.PLACE)
    waiting = SignUpFactory(page=form, person=PersonFactory(), status=SignUpStatus.WAITING)

    confirm = html.unescape(
        client.get(reverse("involvement_register:delete", args=[siobhan.pk])).content.decode()
    )
    assert "1 place or waiting-list spot at an event still to come" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("involvement_register:delete", args=[siobhan.pk]))

    assert SignUp.objects.get(pk=held.pk).status == SignUpStatus.CANCELLED
    assert SignUp.objects.get(pk=waiting.pk).status == SignUpStatus.PLACE
