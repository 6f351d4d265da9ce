"""How a figure reads in a report: small counts protected, money in pounds, percents marked.

The annual report and the board report both show :class:`figures.Figure` values; one
place decides how, so a count under five never shows on one and hides on the other.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

from involvement_pages.money import pounds

from .suppression import protect_count

# Only counts of people can pick someone out; three service changes name nobody.
PEOPLE = "people"


def shown(value, unit=""):
    """``value`` as a report prints it; counts of people under five are words, not numbers."""
    if value is None:
        return gettext("not known")
    if unit == PEOPLE and isinstance(value, int) and protect_count(value) != value:
        return str(protect_count(value))
    if unit == "pounds":
        return pounds(value)
    if unit == "percent":
        return f"{number_format(value)}%"
    if unit == "days":
        return gettext("%(days)s days") % {"days": number_format(value)}
    if isinstance(value, (int, Decimal)):
        return number_format(value, force_grouping=True)
    return str(value)


def figure_row(figure):
    """(label, value, target) as words, for a summary list, a table or a CSV row."""
    target = "" if figure.target is None else shown(figure.target, figure.unit)
    return str(figure.label), shown(figure.value, figure.unit), target
