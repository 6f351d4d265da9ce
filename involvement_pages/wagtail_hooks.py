from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import InvolvementMenu, MenuListsGroup, OpportunityListing


@hooks.register("register_admin_viewset")
def register_involvement_menu():
    return InvolvementMenu()


@hooks.register("register_admin_viewset")
def register_opportunity_listing():
    return OpportunityListing()


register_snippet(MenuListsGroup)
