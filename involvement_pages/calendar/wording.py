"""A repeating event's rule in plain English: "Every second Wednesday of the month, 12 times,
until 8 December 2027".

Editors see it beside the choices they made and residents on the event page, so neither
has to read iCalendar. It covers every rule ``recurrence.check`` accepts, not only the
ones the plain choices make. Day and month names come from Django's translations.
"""

from django.utils.dateformat import format as format_date
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from . import recurrence

WORKING_WEEK = [0, 1, 2, 3, 4]


def describe(rule, first_start):
    """The rule starting at ``first_start`` (naive local) in words; "" for no rule.

    Raises ``RecurrenceError`` for a rule the calendar refuses, as ``check`` does.
    """
    if not recurrence.normalise(rule):
        return ""
    starts = recurrence.check(rule, first_start)
    parts = recurrence.parse(rule)
    if len(starts) == 1:
        end = _("once, on %(date)s") % {"date": _date(starts[0])}
    else:
        end = ngettext(
            "%(count)d time, until %(date)s", "%(count)d times, until %(date)s", len(starts)
        ) % {"count": len(starts), "date": _date(starts[-1])}
    return _("%(pattern)s, %(end)s") % {"pattern": pattern_words(parts, first_start), "end": end}


def pattern_words(parts, first_start):
    """What the rule's parts select, without its end: "Every Monday and Thursday"."""
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", 1))
    months = recurrence.by_number(parts, "BYMONTH", 1, 12)
    monthdays = recurrence.by_number(parts, "BYMONTHDAY", -31, 31)
    weekdays = recurrence.by_weekday(parts)
    if not (weekdays or monthdays):
        # dateutil fills in the missing part from the first date, and so do the words.
        if freq == "WEEKLY":
            weekdays = [(None, first_start.weekday())]
        elif freq == "MONTHLY" or (freq == "YEARLY" and months):
            monthdays = [first_start.day]
    if freq == "YEARLY":
        return _yearly(weekdays, monthdays, months, interval, first_start)
    if freq == "DAILY" and not (weekdays or monthdays):
        if interval == 1:
            text = _("Every day")
        else:
            text = ngettext("Every %(count)d day", "Every %(count)d days", interval) % {
                "count": interval
            }
        return text + _in_months(months)
    if freq == "WEEKLY" and not monthdays and interval > 1:
        text = ngettext(
            "Every %(count)d week on %(days)s", "Every %(count)d weeks on %(days)s", interval
        ) % {"count": interval, "days": _weekday_list(weekdays)}
        return text + _in_months(months)
    if freq == "MONTHLY":
        return _monthly(weekdays, monthdays, interval) + _in_months(months)
    # Daily or weekly rules that pick days: every week or day, the days say it all.
    text = _monthly(weekdays, monthdays, 1)
    return _every_period(text, freq, interval) + _in_months(months)


def _yearly(weekdays, monthdays, months, interval, first_start):
    numbered = any(ordinal is not None for ordinal, _day in weekdays)
    if months and (weekdays or monthdays):
        return _yearly_in_months(weekdays, monthdays, months, interval)
    if numbered:
        # Without months, 20MO is the 20th Monday of the year.
        values = {"days": _weekday_list(weekdays), "count": interval}
        if interval == 1:
            return _("Every year on the %(days)s of the year") % values
        return (
            ngettext(
                "Every %(count)d year on the %(days)s of the year",
                "Every %(count)d years on the %(days)s of the year",
                interval,
            )
            % values
        )
    if weekdays or monthdays:
        # A yearly rule with days and no months picks those days in every month.
        return _every_period(_monthly(weekdays, monthdays, 1), "YEARLY", interval)
    on = format_date(first_start, "j F")
    if interval == 1:
        return _("Every year on %(date)s") % {"date": on}
    return ngettext(
        "Every %(count)d year on %(date)s", "Every %(count)d years on %(date)s", interval
    ) % {"count": interval, "date": on}


def _monthly(weekdays, monthdays, interval):
    numbered = any(ordinal is not None for ordinal, _day in weekdays)
    if weekdays and not numbered:
        if interval == 1:
            return _every_weekday(weekdays)
        return ngettext(
            "%(days)s, every %(count)d month", "%(days)s, every %(count)d months", interval
        ) % {"days": _every_weekday(weekdays), "count": interval}
    days = _weekday_list(weekdays) if weekdays else _month_day_list(monthdays)
    if interval == 1:
        if weekdays:
            return _("Every %(days)s of the month") % {"days": days}
        return _("Every month on the %(days)s") % {"days": days}
    return ngettext(
        "Every %(count)d month on the %(days)s", "Every %(count)d months on the %(days)s", interval
    ) % {"count": interval, "days": days}


def _yearly_in_months(weekdays, monthdays, months, interval):
    days = _weekday_list(weekdays) if weekdays else _month_day_list(monthdays)
    values = {"days": days, "months": _month_list(months), "count": interval}
    if interval == 1:
        return _("Every year on the %(days)s of %(months)s") % values
    return (
        ngettext(
            "Every %(count)d year on the %(days)s of %(months)s",
            "Every %(count)d years on the %(days)s of %(months)s",
            interval,
        )
        % values
    )


def _every_period(text, freq, interval):
    """Add how often the set of days comes round, when it is not every time."""
    if interval == 1:
        return text
    templates = {
        "DAILY": ngettext(
            "%(days)s, every %(count)d day", "%(days)s, every %(count)d days", interval
        ),
        "WEEKLY": ngettext(
            "%(days)s, every %(count)d week", "%(days)s, every %(count)d weeks", interval
        ),
        "YEARLY": ngettext(
            "%(days)s, every %(count)d year", "%(days)s, every %(count)d years", interval
        ),
    }
    return templates[freq] % {"days": text, "count": interval}


def _every_weekday(weekdays):
    days = sorted({day for _ordinal, day in weekdays})
    if days == WORKING_WEEK:
        return _("Every weekday (Monday to Friday)")
    if len(days) == 7:
        return _("Every day")
    return _("Every %(days)s") % {"days": _weekday_list([(None, day) for day in days])}


def _weekday_list(weekdays):
    """ "second Wednesday", "first and third Monday", or "Monday and Thursday"."""
    names = []
    for ordinal, day in sorted(weekdays, key=lambda item: (item[1], item[0] or 0)):
        if ordinal is None:
            names.append(str(WEEKDAYS[day]))
        else:
            names.append(
                pgettext("the second Wednesday", "%(which)s %(day)s")
                % {"which": _which(ordinal), "day": WEEKDAYS[day]}
            )
    return get_text_list(names, _("and"))


def _month_day_list(monthdays):
    """ "12th", "1st and 15th", "last day"."""
    names = []
    for day in sorted(monthdays, key=lambda d: (d < 0, abs(d) if d < 0 else d)):
        if day > 0:
            names.append(_nth(day))
        elif day == -1:
            names.append(pgettext("day of the month", "last day"))
        else:
            names.append(pgettext("day of the month", "%(which)s day") % {"which": _which(day)})
    return get_text_list(names, _("and"))


def _month_list(months):
    return get_text_list([str(MONTHS[month]) for month in sorted(months)], _("and"))


def _in_months(months):
    """ ", in April, July and November only" or ", except in August"."""
    if not months or len(set(months)) == 12:
        return ""
    if len(set(months)) >= 7:
        left_out = [month for month in range(1, 13) if month not in months]
        return _(", except in %(months)s") % {"months": _month_list(left_out)}
    return _(", in %(months)s only") % {"months": _month_list(months)}


def _which(ordinal):
    """ "first" ... "fifth", "last", "second to last", or "20th" for a week of the year."""
    words = {
        1: pgettext("which weekday", "first"),
        2: pgettext("which weekday", "second"),
        3: pgettext("which weekday", "third"),
        4: pgettext("which weekday", "fourth"),
        5: pgettext("which weekday", "fifth"),
        -1: pgettext("which weekday", "last"),
    }
    if ordinal in words:
        return words[ordinal]
    if ordinal < 0:
        return pgettext("which weekday", "%(which)s to last") % {"which": _which(-ordinal)}
    return _nth(ordinal)


def _nth(number):
    """12th, 1st, 22nd, 23rd: one message per English ending, so other languages can differ."""
    if number % 100 in (11, 12, 13) or number % 10 not in (1, 2, 3):
        template = pgettext("ordinal number", "%(number)dth")
    elif number % 10 == 1:
        template = pgettext("ordinal number", "%(number)dst")
    elif number % 10 == 2:
        template = pgettext("ordinal number", "%(number)dnd")
    else:
        template = pgettext("ordinal number", "%(number)drd")
    return template % {"number": number}


def _date(moment):
    return format_date(moment, "j F Y")
