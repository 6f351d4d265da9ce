"""Template filters for event dates and times, in the GOV.UK style."""

from django import template

from involvement_pages import formats

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
