"""What a sign-up form says about the event it takes bookings for, read from that event.

Events belong to the calendar, an app above this one: it registers a function under
``SIGN_UP_EVENT_HOOK`` that finds the event booking with a form. The form shows the
event's title, dates and place from there, so the form and the event page cannot
disagree; a form no event books with keeps its own "when" and "where".
"""

from dataclasses import dataclass

from django.utils.translation import ngettext

from wagtail import hooks

# Functions registered under this hook take a sign-up form page and return the
# BookedEvent it takes bookings for, or None.
SIGN_UP_EVENT_HOOK = "involvement_sign_up_event"


@dataclass(frozen=True)
class BookedEvent:
    """An event as its sign-up form shows it; every value is worded for residents."""

    title: str
    url: str
    dates: tuple[str, ...]  # upcoming dates going ahead, "Thursday 7 January 2027, 10am to 1pm"
    more_dates: int  # how many more come after those
    where: str

    @property
    def is_over(self):
        """Every date has passed (or been cancelled): nothing is left to come to."""
        return not self.dates and not self.more_dates

    def as_text(self):
        """The event in a few lines, for emails."""
        lines = [self.title, *self.dates]
        if self.more_dates:
            lines.append(more_dates_text(self.more_dates))
        if self.where:
            lines.append(self.where)
        return "\n".join(lines)


def more_dates_text(count):
    return ngettext(
        "And %(count)s more date after these.", "And %(count)s more dates after these.", count
    ) % {"count": count}


def booked_event(form_page):
    """The event that takes bookings with this form, or None."""
    if form_page.pk is None:
        return None
    for hook in hooks.get_hooks(SIGN_UP_EVENT_HOOK):
        event = hook(form_page)
        if event is not None:
            return event
    return None
