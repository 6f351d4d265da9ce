"""Small numbers protected wherever equality figures appear: screens, CSV and reports.

A count under ``SMALLEST_SHOWN`` is shown as "fewer than 5", and no breakdown at all is
given for fewer than ``SMALLEST_BREAKDOWN`` people, so nobody can be picked out of a table
of who takes part.
"""

from django.utils.translation import gettext_lazy as _

SMALLEST_SHOWN = 5
SMALLEST_BREAKDOWN = 25
FEWER_THAN = _("fewer than 5")


def protect_count(count):
    """The count itself, or the words that hide it when it is under ``SMALLEST_SHOWN``."""
    if count is not None and 0 < count < SMALLEST_SHOWN:
        return FEWER_THAN
    return count
