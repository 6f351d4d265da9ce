"""Reading typed values out of legacy cells: dates, yes/no, lists of names.

Contact details reuse forms.normalise, so a postcode imported and a postcode typed into a
form end up the same.
"""

import re
from datetime import date, datetime, timedelta

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from forms.normalise import parse_boolean
from forms.spreadsheet import unescape_formula
from involvement_pages.text import clean_text

EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, allowing for its 1900 leap-year bug
DMY_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$")
LIST_SEPARATORS_RE = re.compile(r"\s*[;|\n]\s*")


def text(value, *, multiline=False):
    """A cell as plain text: formula escaping from our own exports undone, controls dropped."""
    if value is None:
        return ""
    return clean_text(unescape_formula(str(value).strip()), multiline=multiline)


def parse_date(value):
    """A date from dd/mm/yyyy, d/m/yy, ISO, an Excel serial number or a real date cell.

    Day-first is the UK order; a value that only makes sense month-first (``12/31/2026``)
    is refused, never silently swapped.
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    if raw.isdigit() and len(raw) <= 6 and int(raw) > 0:  # an Excel serial day number
        return EXCEL_EPOCH + timedelta(days=int(raw))
    if match := ISO_RE.match(raw):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, raw)
    if match := DMY_RE.match(raw):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            # Two-digit years: 00-69 are this century, as spreadsheets read them.
            year += 2000 if year < 70 else 1900
        if month > 12 and day <= 12:
            raise ValueError(
                gettext(
                    "'%(date)s' looks like month/day order. Write dates day first, like 31/01/2026."
                )
                % {"date": raw}
            )
        return _make_date(year, month, day, raw)
    raise ValueError(
        gettext("'%(date)s' is not a date. Write dates like 31/01/2026.") % {"date": raw[:30]}
    )


def _make_date(year, month, day, raw):
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(gettext("'%(date)s' is not a real date.") % {"date": raw}) from None


def parse_yes_no(value):
    return parse_boolean(text(value))


def split_list(value):
    """Names separated by semicolons, vertical bars or line breaks (commas stay in names)."""
    raw = text(value) if not isinstance(value, str) else unescape_formula(value.strip())
    return [part for part in map(clean_text, LIST_SEPARATORS_RE.split(raw)) if part]


def grouped(number):
    """A count as people write it: 5,002."""
    return number_format(number, force_grouping=True)


def check_length(value, most):
    """``value`` if it fits a field holding ``most`` characters; else a ValueError that says
    how long it is. Nothing is ever cut short to fit."""
    if most and isinstance(value, str) and len(value) > most:
        raise ValueError(too_long(len(value), most))
    return value


def too_long(length, most):
    return ngettext(
        "This is %(length)s characters long; the most this field holds is %(most)s.",
        "This is %(length)s characters long; the most this field holds is %(most)s.",
        length,
    ) % {"length": grouped(length), "most": grouped(most)}
