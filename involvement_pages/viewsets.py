"""Admin viewsets: the "Involvement" menu and the lists that describe opportunities.

Other apps add to the same menu by giving their viewsets ``menu_hook = INVOLVEMENT_MENU_HOOK``.
"""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EventPage, OpportunityPage
from .snippets import Area, Audience, Landlord, ParticipationFormat, ServiceArea, SupportOption
from .venues import Venue

INVOLVEMENT_MENU_HOOK = "register_involvement_menu_item"


class InvolvementMenu(ViewSetGroup):
    """The one admin menu that officers and editors find their involvement work under."""

    menu_label = "Involvement"
    menu_icon = "group"
    menu_order = 150
    submenu_hook = INVOLVEMENT_MENU_HOOK


class OpportunityListing(PageListingViewSet):
    model = OpportunityPage
    name = "opportunities"
    menu_label = "Opportunities"
    icon = "list-ul"
    menu_order = 10
    menu_hook = INVOLVEMENT_MENU_HOOK


class EventListing(PageListingViewSet):
    model = EventPage
    name = "events"
    menu_label = "Events"
    icon = "date"
    menu_order = 20
    menu_hook = INVOLVEMENT_MENU_HOOK


def _list_viewset(snippet_model, icon, fields=("name", "slug")):
    return type(
        f"{snippet_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": snippet_model,
            "icon": icon,
            "list_display": list(fields),
            "search_fields": ["name"],
        },
    )


class MenuListsGroup(SnippetViewSetGroup):
    """Lists that editors keep so opportunities and events can be described and filtered."""

    menu_label = "Menu lists"
    menu_icon = "tag"
    menu_order = 90
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = False
    items = (
        _list_viewset(SupportOption, "help", ("name", "description")),
        _list_viewset(ServiceArea, "cogs", ("name", "description")),
        _list_viewset(Area, "site", ("name", "landlord")),
        _list_viewset(Landlord, "home"),
        _list_viewset(Audience, "user"),
        _list_viewset(ParticipationFormat, "mail"),
        _list_viewset(Venue, "pick", ("name", "town", "postcode")),
    )
