"""Events residents book with a sign-up form: the places the calendar shows, and the event
the form shows.

An event with a form has one number of places, the form's, and one set of details, the
event's: the event page, the calendar's listings and the form each read them from there.
"""

from django.db.models import OuterRef

from wagtail.models import Page

from forms.booked_events import BookedEvent
from forms.signups import places_taken_of
from involvement_pages.formats import govuk_date, time_range
from involvement_pages.page_cache import places_of, shows

from .choices import Booking
from .models.events import EventPage
from .records import BookingForm

FORM_DATES_SHOWN = 6
_FORM = "sign_up_page__involvement_sign_up_form_page__"
# What a listing reads, besides the event's own fields, to link a card to its form.
BOOKING_FIELDS = (
    "sign_up_page",
    "sign_up_page__live",
    "sign_up_page__url_path",
    f"{_FORM}capacity",
    f"{_FORM}waiting_list",
    "places_taken",
)


def with_booking_values(events):
    """``events`` with the count of places taken on each one's form, in the same query."""
    return events.annotate(places_taken=places_taken_of(OuterRef("sign_up_page_id")))


def booking_from_values(values):
    """(the event's number of places, its BookingForm or None) from ``BOOKING_FIELDS``."""
    is_form = values[f"{_FORM}waiting_list"] is not None
    if not (is_form and values["sign_up_page__live"]):
        return values["capacity"], None
    capacity = values[f"{_FORM}capacity"]
    if values["booking"] != Booking.BOOKING_REQUIRED:
        return capacity, None
    # Wagtail builds the address from the path alone; the site root paths it needs are
    # cached, so this costs no query.
    url = Page(id=values["sign_up_page"], url_path=values["sign_up_page__url_path"]).get_url()
    shows(places_of(values["sign_up_page"]))
    taken, waiting_list = values["places_taken"], values[f"{_FORM}waiting_list"]
    return capacity, BookingForm.counted(url, capacity, taken, waiting_list)


def event_booked_with(form_page):
    """The live event that takes bookings with ``form_page``, as the form shows it.

    Should editors point two events at one form, the one with the soonest date wins."""
    events = EventPage.objects.live().public().filter(sign_up_page=form_page)
    candidates = [
        (event, [o for o in event.upcoming_occurrences() if not o.cancelled])
        for event in events.select_related("venue")
    ]
    if not candidates:
        return None
    event, upcoming = min(candidates, key=lambda c: (not c[1], c[1][0].start if c[1] else None))
    dates = tuple(
        f"{govuk_date(o.local_start)}, {time_range(o.local_start, o.local_end)}"
        for o in upcoming[:FORM_DATES_SHOWN]
    )
    return BookedEvent(
        title=event.title,
        url=event.url,
        dates=dates,
        more_dates=max(len(upcoming) - FORM_DATES_SHOWN, 0),
        where=event.location_text,
    )
