from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .panel_viewsets import PanelsAndGrantsGroup
from .private_choosers import person_chooser_viewset
from .viewsets import EventListing, InvolvementMenu, MenuListsGroup, OpportunityListing


@hooks.register("register_admin_viewset")
def register_involvement_menu():
    return InvolvementMenu()


@hooks.register("register_admin_viewset")
def register_opportunity_listing():
    return OpportunityListing()


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListing()


register_snippet(MenuListsGroup)


register_snippet(PanelsAndGrantsGroup)


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset
