"""The printable year and the feeds, kept in Django's cache until the calendar changes.

Every key carries a generation number. Publishing, unpublishing, moving or deleting an
event, a calendar or an opportunity (events are filtered through it), saving or deleting
a venue, or changing who may see a page, moves the number on, so every copy made before
is passed over at once without having to find and delete it. Only what is the same for
every visitor is kept: rendered dates and feed files, never a whole page with its
forms, sign-in links or the editors' user bar.
"""

import logging
import time
from hashlib import sha256

from django.core.cache import caches
from django.db import transaction
from django.utils.translation import get_language

from . import conf

GENERATION_KEY = "involvement_calendar:generation"
# A cache server that is down must cost speed, never a publish or a page: each backend
# raises its own errors (redis, memcached, a file system), so any error counts as a miss.
logger = logging.getLogger(__name__)


def _cache():
    return caches[conf.get("INVOLVEMENT_CALENDAR_CACHE")]


def _start():
    # A clock reading, not 1: a cache that evicts the number starts again above every
    # number it handed out before, so an old copy can never match again.
    return time.time_ns()


def generation():
    cache = _cache()
    number = cache.get(GENERATION_KEY)
    if number is None:
        cache.add(GENERATION_KEY, _start(), timeout=None)
        number = cache.get(GENERATION_KEY)
    return number


def _move_on():
    cache = _cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # evicted, or never read yet
            cache.add(GENERATION_KEY, _start(), timeout=None)
    except Exception:
        logger.warning("The calendar's cache could not be told of a change", exc_info=True)


def calendar_changed(**_signal):
    """Pass over every cached year and feed: now, and again when the change is committed.

    Now, so the next request in this process sees the change; after the commit too,
    because a request in another process may have read the old rows between the two and
    cached them under the new number.
    """
    _move_on()
    transaction.on_commit(_move_on)


def cached(kind, parts, build):
    """``build()``'s value for ``parts``, made once per generation and language.

    ``parts`` must name everything the value depends on besides the calendar's content:
    the page, the addresses it links to, the filters, the dates asked for.
    """
    cache = _cache()
    try:
        described = repr((generation(), get_language(), *parts)).encode()
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
