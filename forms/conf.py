"""Settings the forms app reads, with their defaults; a host sets only what it changes.

INVOLVEMENT_SIGNUP_RATE_LIMIT
    Posts allowed to one form from one address in a window, as ``"count/period"`` where
    the period is seconds or a number with ``s``, ``m``, ``h`` or ``d`` (``"60/h"``). A
    visitor whose post got through once is then counted on their own, with the same
    limit (see ``forms/antispam.py``). A refused post gets its form back, answers kept,
    with status 429 and how long to wait. ``None`` turns the limit off.
INVOLVEMENT_RATE_LIMIT_CACHE
    The cache alias that holds the counters. It must be shared by every worker (Redis in
    production); a per-process memory cache lets each worker count on its own.
INVOLVEMENT_TRUSTED_PROXY_HEADER
    Set only when the site sits behind a proxy you run, for example
    ``"HTTP_X_FORWARDED_FOR"``. Unset, the client address is ``REMOTE_ADDR`` and any
    forwarded header a client sends is ignored.
INVOLVEMENT_TRUSTED_PROXY_COUNT
    How many proxies you run in front of the site (default 1): the address is taken that
    many entries from the right of the header, where no client can write it.

INVOLVEMENT_RETENTION
    How long personal data is kept before ``manage.py apply_retention`` removes it (see
    ``forms/retention.py``). A dict; a host gives only the periods it changes, and ``None``
    keeps that kind for ever: ``inactive_people_years`` (6), ``form_answers_months`` (24),
    ``import_copies_days`` (30), ``audit_entries_years`` (6).

The equality consent wording is not a setting here: communications staff own it in the
admin (Settings, Equality consent; see ``forms/site_settings.py``).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    "INVOLVEMENT_SIGNUP_RATE_LIMIT": "60/h",
    "INVOLVEMENT_RATE_LIMIT_CACHE": "default",
    "INVOLVEMENT_TRUSTED_PROXY_HEADER": None,
    "INVOLVEMENT_TRUSTED_PROXY_COUNT": 1,
    "INVOLVEMENT_RETENTION": {
        "inactive_people_years": 6,
        "form_answers_months": 24,
        "import_copies_days": 30,
        "audit_entries_years": 6,
    },
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def retention_period(name):
    """One retention period (a whole number, or None for keep for ever); the host's dict over
    ours. A misspelt name or a period that is not a whole number stops the run with a clear
    message rather than keeping (or removing) data for a period nobody chose."""
    given = get("INVOLVEMENT_RETENTION") or {}
    unknown = sorted(set(given) - set(DEFAULTS["INVOLVEMENT_RETENTION"]))
    if unknown:
        known = ", ".join(DEFAULTS["INVOLVEMENT_RETENTION"])
        raise ImproperlyConfigured(
            f"INVOLVEMENT_RETENTION has unknown periods: {', '.join(unknown)} (known: {known})"
        )
    amount = {**DEFAULTS["INVOLVEMENT_RETENTION"], **given}[name]
    if amount is not None and (type(amount) is not int or amount < 0):
        raise ImproperlyConfigured(
            f"INVOLVEMENT_RETENTION[{name!r}] must be a whole number of 0 or more, or None; "
            f"it is {amount!r}"
        )
    return amount
