"""Settings the calendar reads, with their defaults; a host sets only what it changes.

INVOLVEMENT_CALENDAR_YEAR_DATES_PER_EVENT
    The printable year lists at most this many dates of each event; an event that meets
    more often ends with "and 353 more dates", linking to its own page. 12 unless set.
INVOLVEMENT_CALENDAR_FEED_MONTHS_BEFORE, INVOLVEMENT_CALENDAR_FEED_MONTHS_AFTER
    The subscription feed runs from the start of the month this many months back to the
    end of the month this many months ahead: 3 and 15 unless set.
INVOLVEMENT_CALENDAR_FEED_DATES_PER_EVENT
    A feed gives each date of an event its own entry up to this many dates in its window
    (100 unless set). An event with more is sent as one repeating entry, or, when its rule
    is one some calendar apps read differently, as its next this-many dates.
INVOLVEMENT_CALENDAR_CACHE, INVOLVEMENT_CALENDAR_CACHE_SECONDS
    The cache alias that keeps rendered year pages and feeds ("default"), and for how long
    (600 seconds). Publishing, unpublishing, moving or deleting an event, a calendar or an
    opportunity, or saving a venue, empties it at once; with a cache of each process's own
    (Django's default), other processes notice only when their copy expires.
"""

from django.conf import settings

DEFAULTS = {
    "INVOLVEMENT_CALENDAR_YEAR_DATES_PER_EVENT": 12,
    "INVOLVEMENT_CALENDAR_FEED_MONTHS_BEFORE": 3,
    "INVOLVEMENT_CALENDAR_FEED_MONTHS_AFTER": 15,
    "INVOLVEMENT_CALENDAR_FEED_DATES_PER_EVENT": 100,
    "INVOLVEMENT_CALENDAR_CACHE": "default",
    "INVOLVEMENT_CALENDAR_CACHE_SECONDS": 600,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
