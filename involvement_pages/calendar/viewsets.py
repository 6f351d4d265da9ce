"""Admin viewsets: events under the Involvement menu, and the venues editors keep."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.pages import PageListingViewSet

from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK, list_viewset

from .models import EventPage, Venue


class EventListing(PageListingViewSet):
    model = EventPage
    name = "events"
    menu_label = _("Events")
    icon = "date"
    menu_order = 20
    menu_hook = INVOLVEMENT_MENU_HOOK


class VenueViewSet(list_viewset(Venue, "pick", ("name", "town", "postcode"))):
    menu_label = _("Venues")
    menu_order = 85
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = True
