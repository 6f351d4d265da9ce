"""Keeping bots out without a CAPTCHA: a rate limit per form and address, and a honeypot.

Counters live in a Django cache that every worker shares (Redis in production). A refused
post is logged with a hash of its address, and one that filled the honeypot with what it
held, so a person caught by mistake can still be found.
"""

import hashlib
import ipaddress
import logging
import math
import re
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext, ngettext

from . import conf

logger = logging.getLogger("involvement_forms.antispam")

PERIOD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

# A visitor's passes, {form page id: pass id}, in a cookie signed with the site's secret:
# nothing is stored on the server for a visitor (a session row each would be a database
# write per sign-up, and one per bot), and a pass cannot be made up, only copied.
PASS_COOKIE = "involvement_passes"
PASS_SALT = "involvement_forms.passes"
PASS_MAX_AGE = 7 * 24 * 60 * 60
# Every post made with a pass, from one address to one form, together may come to this
# many times the limit in a window (see count_post).
PASSED_CEILING = 4


def parse_rate(rate):
    """``"60/h"`` → (60, 3600); None stays None (no limit)."""
    if rate is None:
        return None
    match = PERIOD_RE.match(str(rate))
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"INVOLVEMENT_SIGNUP_RATE_LIMIT should look like '60/h', not {rate!r}")
    count, number, unit = match.groups()
    return int(count), int(number or 1) * UNIT_SECONDS[unit]


def now():
    """Seconds since the epoch; the one clock the counters read, so tests can move it on."""
    return time.time()


def client_address(request):
    """The address to count: from the trusted proxy's header only when the site has one."""
    header = conf.get("INVOLVEMENT_TRUSTED_PROXY_HEADER")
    if header:
        hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
        depth = max(1, int(conf.get("INVOLVEMENT_TRUSTED_PROXY_COUNT")))
        # Clients can write the left of the header; only the right was added by our proxies.
        if len(hops) >= depth:
            try:
                return str(ipaddress.ip_address(hops[-depth]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


def address_key(address):
    """A short hash, so raw addresses are not kept in the cache or the logs."""
    return hashlib.sha256(address.encode()).hexdigest()[:16]


def passes(request):
    """The passes this visitor holds; none when the cookie is missing, old or tampered with."""
    given = getattr(request, "involvement_passes", None)
    if given is not None:
        return given
    try:
        held = signing.loads(
            request.COOKIES.get(PASS_COOKIE, ""), salt=PASS_SALT, max_age=PASS_MAX_AGE
        )
    except signing.BadSignature:
        return {}
    return held if isinstance(held, dict) else {}


def visitor_pass(request, page):
    """The pass this visitor earned on this form, or None."""
    return passes(request).get(str(page.pk))


def give_pass(request, page):
    """Mark this visitor as having passed the checks on this form (see count_post);
    ``keep_passes`` puts it in the response."""
    if visitor_pass(request, page) is None:
        request.involvement_passes = {**passes(request), str(page.pk): secrets.token_urlsafe(12)}


def keep_passes(request, response):
    """Send the visitor a pass given while answering this request."""
    given = getattr(request, "involvement_passes", None)
    if given is None:
        return
    response.set_cookie(
        PASS_COOKIE,
        signing.dumps(given, salt=PASS_SALT),
        max_age=PASS_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


class Counter:
    """Counters for one window, in the shared cache; each key expires as its window ends."""

    def __init__(self, window, timeout):
        self.cache = caches[conf.get("INVOLVEMENT_RATE_LIMIT_CACHE")]
        self.window = window
        self.timeout = timeout

    def add(self, name):
        """The count after this post; CacheDown when the cache cannot count."""
        key = f"involvement:form-posts:{name}:{self.window}"
        try:
            self.cache.add(key, 0, timeout=self.timeout)
            try:
                count = self.cache.incr(key)
            except ValueError:  # expired between add and incr
                self.cache.set(key, 1, timeout=self.timeout)
                count = 1
        except Exception as error:  # a backend that raises when its server is down
            raise CacheDown from error
        if count is None:  # one told to ignore its server being down (django-redis)
            raise CacheDown
        return count


class CacheDown(Exception):
    """The shared cache holding the counters did not answer."""


def count_post(request, page):
    """Count a post to a form page; None when it may go on, else the seconds to wait.

    Posts are counted per form and address: a library PC or a sheltered scheme's shared
    connection sends many residents' forms from one address, and a busy sign-up form
    should not use up the join form's allowance.

    A visitor whose post got past these checks once has a pass for that form, in a signed
    cookie. Their later posts there (correcting a mistake, or the next resident on
    a roadshow tablet) no longer use the address's allowance, which is left for newcomers.
    A pass is not a way round the limit:

    - each pass has its own count, with the same limit, so a cookie copied to many bots
      shares one count however many addresses they post from;
    - a pass is earned only by a post the address's count let through, so one address
      earns at most ``limit`` passes in a window;
    - passes kept from earlier windows cannot be saved up and spent together: every post
      made with a pass, from one address to one form, counts towards a ceiling of
      PASSED_CEILING times the limit. However many cookie jars a bot juggles, one address
      gets no more than (PASSED_CEILING + 1) times the limit onto a form in a window.
    """
    rate = parse_rate(conf.get("INVOLVEMENT_SIGNUP_RATE_LIMIT"))
    if rate is None:
        return None
    limit, period = rate
    window, elapsed = divmod(now(), period)
    wait = max(1, math.ceil(period - elapsed))
    counter = Counter(f"{int(window)}", timeout=wait + 5)
    address = f"{page.pk}:{address_key(client_address(request))}"
    pass_id = visitor_pass(request, page)
    try:
        if pass_id is None:
            over = counter.add(f"address:{address}") > limit
        else:
            # Both counts go up, so a refused post still uses its share of each.
            over = counter.add(f"pass:{pass_id}") > limit
            over = counter.add(f"passed:{address}") > limit * PASSED_CEILING or over
    except CacheDown:
        # Open, not shut: refusing every resident while the cache is down would do the
        # bots' work for them; the honeypot still stands, and the log says what happened.
        logger.warning(
            "Form post let through unchecked: the rate limit's cache (%s) did not answer",
            conf.get("INVOLVEMENT_RATE_LIMIT_CACHE"),
            exc_info=True,
        )
        return None
    if not over:
        return None
    logger.warning(
        "Form post refused: rate limit (%s in %ss) passed by address %s%s on page %s",
        limit,
        period,
        address_key(client_address(request)),
        " with a pass" if pass_id else "",
        page.pk,
    )
    return wait


def wait_message(seconds):
    """Why the form came back, and for how long, in words a resident can act on."""
    minutes = math.ceil(seconds / 60)
    if minutes <= 90:
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    else:
        hours = math.ceil(minutes / 60)
        wait = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    return gettext(
        "Too many forms have been sent from this connection. Please wait %(wait)s and "
        "send it again. Your answers are kept below."
    ) % {"wait": wait}


def log_honeypot(request, page, form):
    """Record a post that filled the hidden box, with the answers it held (equality left out)."""
    kept = {
        name: value
        for name, value in form.data.items()
        if name not in form.private_names() and name != "csrfmiddlewaretoken"
    }
    logger.warning(
        "Form post refused: hidden box filled on page %s from address %s; answers: %r",
        page.pk,
        address_key(client_address(request)),
        kept,
    )


def screen(request, page, form, render, refusal):
    """Run a posted form past the rate limit and the hidden box, for every form page.

    Returns the response that refuses the post (the form comes back as it was sent, so
    nothing typed is lost), or None when the form may be checked and saved.
    ``render(form, status)`` draws the page; ``refusal`` is the page's words for a post
    that filled the hidden box.
    """
    wait = count_post(request, page)
    if wait is not None:
        form.add_error(None, wait_message(wait))
        response = render(form, status=429)
        response["Retry-After"] = str(wait)
        return response
    if form.honeypot_filled():
        log_honeypot(request, page, form)
        form.is_valid()
        form.add_error(None, refusal)
        return render(form, status=400)
    give_pass(request, page)
    return None
