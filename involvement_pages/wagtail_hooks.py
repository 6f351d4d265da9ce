from wagtail import hooks
from wagtail.snippets.models import register_snippet

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
