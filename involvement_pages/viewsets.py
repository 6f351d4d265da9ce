"""Admin viewsets: the "Involvement" menu and the lists that describe opportunities.

Other apps add to the same menu by giving their viewsets ``menu_hook = INVOLVEMENT_MENU_HOOK``.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin.menu import Menu
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .delete_views import ProtectedDeleteView
from .models import OpportunityPage
from .snippets import Area, Audience, Landlord, ParticipationFormat, ServiceArea, SupportOption

INVOLVEMENT_MENU_HOOK = "register_involvement_menu_item"


class InvolvementMenu(ViewSetGroup):
    """The one admin menu that officers and editors find their involvement work under."""

    menu_label = _("Involvement")
    menu_icon = "group"
    menu_order = 150
    submenu_hook = INVOLVEMENT_MENU_HOOK

    if WAGTAIL_VERSION < (8, 0):

        def get_menu_item(self, order=None):
            # Wagtail 8 fills the submenu from submenu_hook; Wagtail 7 has no such attribute.
            item = super().get_menu_item(order)
            item.menu = Menu(register_hook_name=self.submenu_hook, items=self.get_submenu_items())
            return item


class OpportunityListing(PageListingViewSet):
    model = OpportunityPage
    name = "opportunities"
    menu_label = _("Opportunities")
    icon = "list-ul"
    menu_order = 10
    menu_hook = INVOLVEMENT_MENU_HOOK


def list_viewset(snippet_model, icon, fields=("name", "slug")):
    """A plain snippet list for one of the lists editors keep, searched by name in the database."""
    return type(
        f"{snippet_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": snippet_model,
            "icon": icon,
            "list_display": list(fields),
            "search_fields": ["name"],
            "delete_view_class": ProtectedDeleteView,
            # The ORM's icontains: these lists are short, and the search backend's index
            # has no "name" column to filter on (a 500 on SQLite).
            "search_backend_name": None,
        },
    )


class MenuListsGroup(SnippetViewSetGroup):
    """Lists that editors keep so opportunities and events can be described and filtered."""

    menu_label = _("Menu lists")
    menu_icon = "tag"
    menu_order = 90
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = False
    items = (
        list_viewset(SupportOption, "help", ("name", "description")),
        list_viewset(ServiceArea, "cogs", ("name", "description")),
        list_viewset(Area, "site", ("name", "landlord")),
        list_viewset(Landlord, "home"),
        list_viewset(Audience, "user"),
        list_viewset(ParticipationFormat, "mail"),
    )
