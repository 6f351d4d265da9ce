"""Settings the shared lists and pages read, with their defaults; a host sets only what it
changes.

INVOLVEMENT_YEAR_START_MONTH
    The month the landlord's year starts, for budgets, meeting targets and grant years:
    4 (April, the financial year) unless set; 1 for calendar years.
"""

from django.conf import settings

DEFAULTS = {
    "INVOLVEMENT_YEAR_START_MONTH": 4,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
