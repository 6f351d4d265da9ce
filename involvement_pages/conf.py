"""Settings the shared lists and pages read, with their defaults; a host sets only what it
changes.

INVOLVEMENT_YEAR_START_MONTH
    The month the landlord's year starts, for budgets, meeting targets and grant years:
    4 (April, the financial year) unless set; 1 for calendar years.

INVOLVEMENT_PAGE_CACHE, INVOLVEMENT_PAGE_CACHE_SECONDS
    The cache alias that keeps whole public pages for anonymous visitors ("default"), and
    for how long (300 seconds; 0 or None keeps none). Any change shown on a page passes over
    every copy at once (``page_cache.py``).
"""

from django.conf import settings

DEFAULTS = {
    "INVOLVEMENT_YEAR_START_MONTH": 4,
    "INVOLVEMENT_PAGE_CACHE": "default",
    "INVOLVEMENT_PAGE_CACHE_SECONDS": 300,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
