"""Template filters for event dates and times in the GOV.UK style, and the printed
calendar's way to book."""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

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


YEAR_ROW = (
    '<tr{}><td>{}</td><td class="inv-event__when">{}</td>'
    '<td><a href="{}">{}</a>{}{}</td><td>{}</td></tr>\n'
)


@register.simple_tag
def year_rows(rows, year):
    """The rows of one month's table in the printable year, from ``listings.year_context``.

    Written here in one pass rather than by a template loop: a year can have well over a
    thousand rows, and the template engine took most of the page's time over them.
    """
    tags = {
        "cancelled": format_html(
            ' <strong class="inv-tag inv-tag--cancelled">{}</strong>', gettext("Cancelled")
        ),
        "moved": format_html(
            ' <strong class="inv-tag inv-tag--moved">{}</strong>', gettext("Moved")
        ),
    }
    return format_html_join(
        "",
        YEAR_ROW,
        (
            (
                mark_safe(' class="inv-event--cancelled"') if row["cancelled"] else "",
                row["day"],
                row["time"],
                row["url"],
                row["title"],
                tags["cancelled"] if row["cancelled"] else tags["moved"] if row["moved"] else "",
                _more(row, year) if row["more"] else "",
                row["where"],
            )
            for row in rows
        ),
    )


def _more(row, year):
    """'And 353 more dates in 2027, the last on Friday 31 December.', linked to the event."""
    sentence = ngettext(
        'And <a href="%(url)s">%(more)s more date<span class="inv-visually-hidden"> of '
        "%(title)s</span></a> in %(year)s, on %(last)s.",
        'And <a href="%(url)s">%(more)s more dates<span class="inv-visually-hidden"> of '
        "%(title)s</span></a> in %(year)s, the last on %(last)s.",
        row["more"],
    )
    values = {"url": row["url"], "more": row["more"], "title": row["title"], "year": year}
    values["last"] = row["last"]
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return format_html('<p class="inv-year-more">{}</p>', mark_safe(sentence % escaped))
