"""Links to the plugin's pages from any template: the menu (for the 404 page, which has no
page of its own) and the form residents join the involvement register with."""

from django import template
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Site

from .. import page_cache
from ..models import JOIN_REGISTER_HOOK, InvolvementMenuPage

register = template.Library()


@register.simple_tag(takes_context=True)
def involvement_menu(context):
    """The live menu of the site being served, or None where the site has none."""
    menus = page_cache.public(InvolvementMenuPage.objects.live())
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site:
        menus = menus.in_site(site)
    return menus.order_by("path").first()


def join_register_page(request):
    """The live page residents join the register with, from the app that keeps the
    register (see ``JOIN_REGISTER_HOOK``); None without one.

    Remembered for the site until an editor changes something: the home page, the menu and
    each opportunity link to it, and finding it took four queries each time."""
    site = Site.find_for_request(request) if request is not None else None

    def find():
        found = (page for hook in hooks.get_hooks(JOIN_REGISTER_HOOK) if (page := hook(request)))
        return next(found, None)

    return page_cache.remembered(("join_register_page", site and site.pk, get_language()), find)


@register.inclusion_tag("involvement_pages/includes/join_register.html", takes_context=True)
def join_register(context, heading=True):
    """An invitation to join the register, or nothing where the site has no join form.

    ``heading=False`` inside a section that has one of its own."""
    request = context.get("request")
    return {"join_page": join_register_page(request), "heading": heading, "request": request}
