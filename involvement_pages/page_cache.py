"""Whole public pages kept in the shared cache for anonymous visitors, until something shown
on them changes.

Every key carries a generation number; a change residents could see (a page published,
unpublished, moved or deleted, a shared list or snippet saved) moves the number on, so every
copy made before is passed over at once, in every process that shares the cache, without
finding and deleting it. What changes many times a day and shows on few pages, such as the
places left on one event's form, has numbers of its own instead: a page that shows it says
so while it is drawn (``shows``), its copy keeps the numbers it was drawn with, and a copy
whose numbers have moved on is passed over (``moved_on``). A sign-up then costs a new copy
of the pages that show that form's places, not of the whole site.

A copy is made only of what is the same for every visitor: a page rendered for someone
signed in, one that holds a form's CSRF token, sets a cookie or says it is private, is never
kept. A cache server that is down costs speed, never a page.
"""

import contextvars
import logging
import time
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from . import conf

logger = logging.getLogger(__name__)

# What a copy keeps of a response besides its body; everything else is made again (the
# Content Security Policy and Vary by their middleware, for example).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Cache-Control",
    "Last-Modified",
    "Link",
)
HIT_HEADER = "X-Involvement-Cache"


class Generation:
    """A number in a cache that any change moves on, so keys made with it expire together."""

    def __init__(self, key, cache_alias):
        self.key, self.cache_alias = key, cache_alias

    def cache(self):
        return caches[self.cache_alias()]

    def current(self):
        cache = self.cache()
        number = cache.get(self.key)
        if number is None:
            cache.add(self.key, _start(), timeout=None)
            number = cache.get(self.key)
        return number

    def move_on(self):
        cache = self.cache()
        try:
            try:
                cache.incr(self.key)
            except ValueError:  # evicted, or never read yet
                cache.add(self.key, _start(), timeout=None)
        except Exception:
            logger.warning("The cache could not be told of a change (%s)", self.key, exc_info=True)

    def changed(self, **_signal):
        """Pass over every copy: now, and again when the change is committed.

        Now, so the next request in this process sees the change; after the commit too,
        because a request in another process may have read the old rows between the two
        and kept them under the new number."""
        self.move_on()
        transaction.on_commit(self.move_on)


def _start():
    # A clock reading, not 1: a cache that evicts the number starts again above every
    # number it handed out before, so an old copy can never match again.
    return time.time_ns()


pages = Generation("involvement_pages:generation", lambda: conf.get("INVOLVEMENT_PAGE_CACHE"))

# What the page being drawn says it shows (``shows``); None outside a page that may be kept.
_shown = contextvars.ContextVar("involvement_pages_shown", default=None)
# Moved on with every record named below, so a page drawn while one changed is not kept.
ANY_RECORD = "any"


def places_of(form_id):
    """The name of what a page shows when it shows the places left on a sign-up form."""
    return f"places:{form_id}"


# The live counts of people and sign-ups, as the annual report shows them.
RECORDS = "records"


def _number_key(name):
    return f"involvement_pages:shows:{name}"


def shows(*names):
    """Say the page being drawn shows what ``names`` stand for (``places_of(form.pk)``,
    ``RECORDS``): its kept copy is passed over when any of them moves on."""
    shown = _shown.get()
    if shown is not None:
        shown.update(names)


def moved_on(*names):
    """Pass over the kept pages that show any of ``names``: now, and again on commit (see
    ``Generation.changed``)."""

    def move_on():
        cache = pages.cache()
        for name in (*names, ANY_RECORD):
            key = _number_key(name)
            try:
                try:
                    cache.incr(key)
                except ValueError:  # never shown yet, or evicted
                    cache.add(key, _start(), timeout=None)
            except Exception:
                logger.warning("The cache could not be told of a change (%s)", key, exc_info=True)

    move_on()
    transaction.on_commit(move_on)


def _numbers(names):
    """{name: number} now, starting any number not yet in the cache."""
    cache = pages.cache()
    keys = {_number_key(name): name for name in names}
    found = cache.get_many(keys)
    for key in keys.keys() - found.keys():
        cache.add(key, _start(), timeout=None)
    if len(found) < len(keys):
        found = cache.get_many(keys)
    return {keys[key]: number for key, number in found.items()}


def _still_current(numbers):
    return not numbers or _numbers(numbers) == numbers


# remembered(): {key: (generation, answer)}, in this process only.
_remembered = {}


def remembered(key, find):
    """What ``find()`` answers, kept in this process until the next change a public page
    could show (the generation the kept pages carry moves on).

    For lookups that every page repeats with the same answer for every visitor, such as the
    site's join form: several queries each time, though the answer changes only when an
    editor publishes. Kept whether or not whole pages are (``INVOLVEMENT_PAGE_CACHE_SECONDS``
    0), as the generation moves on either way. ``find()`` must answer the same for every
    visitor, and its answer is shared by every request in the process: never change it."""
    try:
        generation = pages.current()
    except Exception:
        logger.warning("The page cache could not be read", exc_info=True)
        generation = None
    if generation is None:  # a cache that keeps nothing (DummyCache): nothing to trust
        return find()
    kept = _remembered.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    answer = find()
    _remembered[key] = (generation, answer)
    return answer


def public(pages):
    """``pages.public()`` (Wagtail's: not in a section with view restrictions), with the
    restricted sections found once until something changes rather than by a query on each
    call: a menu, calendar or opportunity asked it two to four times a request. A view
    restriction saved or deleted, and a page moved, move the generation on."""
    return pages.exclude(remembered(("private_sections",), pages.private_q))


def _request_may_share(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _response_may_share(request, response):
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds this visitor's CSRF token
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _key(request, host):
    described = repr(
        (pages.current(), get_language(), request.scheme, host, request.get_full_path())
    )
    return "involvement_pages:page:" + sha256(described.encode()).hexdigest()


def _look_up(request):
    """(key, kept response or None) for ``request``; key None when nothing may be kept for
    it. The answer is remembered on the request: the middleware and the page ask once."""
    if hasattr(request, "_involvement_page_cache"):
        return request._involvement_page_cache
    found = None, None
    if conf.get("INVOLVEMENT_PAGE_CACHE_SECONDS") and _request_may_share(request):
        host = request.get_host()  # a host not allowed is refused here, as anywhere else
        try:
            key = _key(request, host)
            kept = pages.cache().get(key)
            # A copy kept by an earlier release has no numbers: drawn again.
            if kept is not None and (len(kept) != 3 or not _still_current(kept[2])):
                kept = None
        except Exception:
            logger.warning("The page cache could not be read", exc_info=True)
        else:
            found = key, None if kept is None else _response_from(kept)
    request._involvement_page_cache = found
    return found


def _response_from(kept):
    body, headers, _shown_numbers = kept
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


def serve(request, render):
    """The page ``render()`` makes for ``request``, from the cache when an anonymous visitor
    asked for it before in this generation."""
    key, kept = _look_up(request)
    if kept is not None:
        return kept
    if key is None:
        return render()
    try:
        before = _numbers([ANY_RECORD])[ANY_RECORD]
    except Exception:
        logger.warning("The page cache could not be read", exc_info=True)
        return render()
    shown = set()
    token = _shown.set(shown)
    try:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        _shown.reset(token)
    if _response_may_share(request, response):
        _keep(key, response, shown, before)
    return response


def _keep(key, response, shown, before):
    headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
    try:
        numbers = _numbers([*shown, ANY_RECORD])
        # A record changed while a page that shows records was drawn: it may show the rows
        # from before, under the numbers from after.
        if numbers.pop(ANY_RECORD) != before and shown:
            return
        kept = (response.content, headers, numbers)
        pages.cache().set(key, kept, conf.get("INVOLVEMENT_PAGE_CACHE_SECONDS"))
    except Exception:
        logger.warning("The page cache could not be written", exc_info=True)
        return
    response[HIT_HEADER] = "miss"


class PageCacheMiddleware:
    """Serves a kept page before Wagtail finds the site and the page, so a copy costs no
    query at all. Optional: without it, ``CachedPageMixin`` serves the same copies after
    Wagtail's routing. Put it last in ``MIDDLEWARE``, so every other middleware still adds
    its headers to a kept page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A visitor with a session may be signed in: leave them to the page, which knows.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            _key, kept = _look_up(request)
            if kept is not None:
                return kept
        return self.get_response(request)


class CachedPageMixin:
    """For page types whose every visitor sees the same thing: anonymous GETs are served
    from the shared cache (``INVOLVEMENT_PAGE_CACHE``). Put it before ``Page`` (and
    ``RoutablePageMixin``) in the bases. Never for a page that shows a form."""

    def serve(self, request, *args, **kwargs):
        return serve(request, lambda: super(CachedPageMixin, self).serve(request, *args, **kwargs))


class NeverStoredPageMixin:
    """For pages that show a form with its CSRF token, or a resident's own details and
    links (thanks, cancel, leave): no shared cache, proxy or browser history may keep a
    copy. Put it before ``Page`` (and ``RoutablePageMixin``) in the bases."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response
