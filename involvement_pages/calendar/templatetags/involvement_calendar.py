"""Template filters for event dates and times in the GOV.UK style, and the printed
calendar's way to book."""

from django import template

from involvement_pages import formats
from involvement_pages.links import absolute_url
from involvement_pages.site_settings import ContactDetails

register = template.Library()

register.filter("govuk_time", formats.govuk_time)
register.filter("govuk_date", formats.govuk_date)


@register.filter
def govuk_date_short(value):
    """'Tuesday 12 January', for lists already headed by the year."""
    return formats.govuk_date(value, year=False)


@register.filter
def time_range(occurrence):
    """An occurrence's local times: '5:30pm to 7:30pm'."""
    return formats.time_range(occurrence.local_start, occurrence.local_end)


@register.inclusion_tag("involvement_calendar/includes/how_to_book.html", takes_context=True)
def how_to_book(context):
    """The calendar's full web address and the team's phone, for a leaflet read on paper."""
    page = context["page"]
    return {
        "web_address": absolute_url(page, context.get("request")),
        "contact": ContactDetails.for_page(page),
    }
