from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from forms.booked_events import SIGN_UP_EVENT_HOOK
from forms.involvement import PERSON_HISTORY_HOOK
from involvement_pages import page_cache
from involvement_pages.models import OPPORTUNITY_EXTRAS_HOOK

from .bookings import event_booked_with
from .history import training_section
from .models import CalendarPage
from .viewsets import EventListing, VenueViewSet

NEXT_DATES_SHOWN = 5


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListing()


register_snippet(VenueViewSet)


@hooks.register(OPPORTUNITY_EXTRAS_HOOK)
def next_dates(opportunity, request):
    """An opportunity's next dates from every calendar, so a resident reading about a group
    sees when it next meets without searching the calendar for it."""
    dates, calendar_url = [], ""
    for calendar in page_cache.public(CalendarPage.objects.live()):
        found = calendar.next_dates_of(opportunity, request, NEXT_DATES_SHOWN)
        if found and not calendar_url:
            calendar_url = f"{calendar.get_url(request)}?opportunity={opportunity.slug}"
        dates += found
    if not dates:
        return ""
    dates.sort(key=lambda d: d.local_start)
    return render_to_string(
        "involvement_calendar/includes/next_dates.html",
        {"next_dates": dates[:NEXT_DATES_SHOWN], "calendar_url": calendar_url},
        request=request,
    )


hooks.register(SIGN_UP_EVENT_HOOK, event_booked_with)
hooks.register(PERSON_HISTORY_HOOK, training_section, order=30)
