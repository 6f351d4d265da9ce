"""Dates and times written the GOV.UK way: "Tuesday 12 January 2027", "5:30pm", "midday".

Day and month names come from Django's own translations, so a Welsh page says "Dydd
Mawrth 12 Ionawr 2027" without a catalogue of our own for them.
"""

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext


def govuk_time(value):
    """'10am', '5:30pm', 'midday' or 'midnight' for a time or datetime."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return gettext("midday")
    if value.hour == 0 and value.minute == 0:
        return gettext("midnight")
    hour = value.hour % 12 or 12
    time = f"{hour}:{value.minute:02d}" if value.minute else str(hour)
    if value.hour < 12:
        return gettext("%(time)sam") % {"time": time}
    return gettext("%(time)spm") % {"time": time}


def govuk_date(value, year=True):
    """'Tuesday 12 January 2027' (or without the year)."""
    if value is None:
        return ""
    return format_date(value, "l j F Y" if year else "l j F")


def time_range(start, end):
    """'5:30pm to 7:30pm', adding the end's date when it ends on another day."""
    if end is None or end == start:
        return govuk_time(start)
    if hasattr(end, "date") and end.date() != start.date():
        return gettext("%(start)s to %(end_day)s, %(end)s") % {
            "start": govuk_time(start),
            "end_day": govuk_date(end, year=False),
            "end": govuk_time(end),
        }
    return gettext("%(start)s to %(end)s") % {"start": govuk_time(start), "end": govuk_time(end)}
