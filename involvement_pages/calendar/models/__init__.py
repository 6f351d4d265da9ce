"""Events and their dates, venues, and the calendar page that lists them."""

from .events import EventException, EventOccurrence, EventPage, EventPageForm
from .page import CalendarPage
from .venues import ACCESS_FEATURES, Venue

__all__ = [
    "ACCESS_FEATURES",
    "CalendarPage",
    "EventException",
    "EventOccurrence",
    "EventPage",
    "EventPageForm",
    "Venue",
]
