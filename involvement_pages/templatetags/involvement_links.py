"""Links to the plugin's pages from templates that have no page of their own (the 404 page)."""

from django import template

from wagtail.models import Site

from ..models import InvolvementMenuPage

register = template.Library()


@register.simple_tag(takes_context=True)
def involvement_menu(context):
    """The live menu of the site being served, or None where the site has none."""
    menus = InvolvementMenuPage.objects.live().public()
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site:
        menus = menus.in_site(site)
    return menus.order_by("path").first()
