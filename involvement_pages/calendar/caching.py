"""The printable year and the feeds, kept in Django's cache until the calendar changes.

Every key carries a generation number. Publishing, unpublishing, moving or deleting an
event, a calendar or an opportunity (events are filtered through it), saving or deleting
a venue, or changing who may see a page, moves the number on, so every copy made before
is passed over at once without having to find and delete it. Only what is the same for
every visitor is kept: rendered dates and feed files, never a whole page with its
forms, sign-in links or the editors' user bar.
"""

import logging
from hashlib import sha256

from django.utils.translation import get_language

from involvement_pages.page_cache import Generation

from . import conf

# A cache server that is down must cost speed, never a publish or a page: each backend
# raises its own errors (redis, memcached, a file system), so any error counts as a miss.
logger = logging.getLogger(__name__)

calendar_generation = Generation(
    "involvement_calendar:generation", lambda: conf.get("INVOLVEMENT_CALENDAR_CACHE")
)
# Pass over every cached year and feed (see ``Generation.changed``).
calendar_changed = calendar_generation.changed


def _cache():
    return calendar_generation.cache()


def cached(kind, parts, build):
    """``build()``'s value for ``parts``, made once per generation and language.

    ``parts`` must name everything the value depends on besides the calendar's content:
    the page, the addresses it links to, the filters, the dates asked for.
    """
    cache = _cache()
    try:
        described = repr((calendar_generation.current(), get_language(), *parts)).encode()
        key = f"involvement_calendar:{kind}:{sha256(described).hexdigest()}"
        value = cache.get(key)
    except Exception:
        logger.warning("The calendar's cache could not be read", exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, conf.get("INVOLVEMENT_CALENDAR_CACHE_SECONDS"))
        except Exception:
            logger.warning("The calendar's cache could not be written", exc_info=True)
    return value
