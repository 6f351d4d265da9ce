"""What empties the calendar's cache: any change residents would see in a year or feed."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from involvement_pages.models import OpportunityPage

from .caching import calendar_changed
from .models import CalendarPage
from .models.events import EventPage
from .models.venues import Venue

# Events are filtered through their opportunity (its level, services...), so a published
# change to one can change which events a filtered feed holds.
SHOWN_PAGES = (CalendarPage, EventPage, OpportunityPage)
UID = "involvement_calendar"


def _page_changed(sender, **kwargs):
    if issubclass(sender, SHOWN_PAGES):
        calendar_changed()


def _event_saved(sender, update_fields=None, **kwargs):
    # A full save is a publish or a new page (drafts save a few named fields only): it is
    # what stores the event's dates.
    if update_fields is None:
        calendar_changed()


for name, signal in [
    ("published", page_published),
    ("unpublished", page_unpublished),
    ("moved", post_page_move),
]:
    signal.connect(_page_changed, dispatch_uid=f"{UID}:page_{name}")
post_save.connect(_event_saved, sender=EventPage, dispatch_uid=f"{UID}:event_saved")
for model in (*SHOWN_PAGES, Venue, PageViewRestriction):
    post_delete.connect(calendar_changed, sender=model, dispatch_uid=f"{UID}:{model.__name__}:del")
for model in (Venue, PageViewRestriction):
    post_save.connect(calendar_changed, sender=model, dispatch_uid=f"{UID}:{model.__name__}:save")
