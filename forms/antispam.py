"""Keeping bots out without a CAPTCHA: a per-address rate limit and a honeypot.

Counters live in a Django cache that every worker shares (Redis in production). A rejected
submission is logged with what it held, so a person caught by mistake can still be found.
"""

import hashlib
import ipaddress
import logging
import re
import time

from django.core.cache import caches

from . import conf

logger = logging.getLogger("involvement_forms.antispam")

PERIOD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """``"20/10m"`` → (20, 600); None stays None (no limit)."""
    if rate is None:
        return None
    match = PERIOD_RE.match(str(rate))
    if not match:
        raise ValueError(f"INVOLVEMENT_SIGNUP_RATE_LIMIT should look like '20/10m', not {rate!r}")
    count, number, unit = match.groups()
    return int(count), int(number or 1) * UNIT_SECONDS[unit]


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


def over_rate_limit(request):
    """Count this post against its address; True when the address has sent too many."""
    rate = parse_rate(conf.get("INVOLVEMENT_SIGNUP_RATE_LIMIT"))
    if rate is None:
        return False
    limit, period = rate
    window = int(time.time() // period)
    key = f"involvement:form-posts:{address_key(client_address(request))}:{window}"
    cache = caches[conf.get("INVOLVEMENT_RATE_LIMIT_CACHE")]
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 5)
        count = 1
    if count > limit:
        logger.warning(
            "Form post refused: rate limit (%s in %ss) passed by address %s on %s",
            limit,
            period,
            address_key(client_address(request)),
            request.path,
        )
        return True
    return False


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
