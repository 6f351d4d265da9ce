"""System checks for what the forms rely on; the cache one runs with ``check --deploy``."""

from django.conf import settings
from django.core import checks

from . import conf
from .antispam import parse_rate

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """The sign-up rate limit (and an import's progress) count in the default cache; a cache
    held inside each process lets every worker count on its own."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is kept inside each process, so "
            "with several web workers each counts sign-ups for the rate limit on its own, and "
            "a background import's progress is not seen by the web server.",
            hint="Use a cache every process shares, such as Redis (set REDIS_URL with the "
            "demo settings).",
            id="involvement_forms.W001",
        )
    ]


@checks.register()
def rate_limit_setting(app_configs, **kwargs):
    """A rate the forms cannot read would fail every form post; say so at start-up."""
    try:
        parse_rate(conf.get("INVOLVEMENT_SIGNUP_RATE_LIMIT"))
    except ValueError as error:
        return [
            checks.Error(
                str(error),
                hint='A count, a slash and a period: "60/h", "20/10m" or "100/1d"; None for '
                "no limit.",
                id="involvement_forms.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def proxy_addresses(app_configs, **kwargs):
    """A site that trusts a proxy's HTTPS header sits behind a proxy; if the proxy's
    forwarded address is not trusted too, every resident seems to come from the proxy and
    the sign-up rate limit soon turns them all away."""
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    rate = conf.get("INVOLVEMENT_SIGNUP_RATE_LIMIT")
    if not behind_proxy or rate is None or conf.get("INVOLVEMENT_TRUSTED_PROXY_HEADER"):
        return []
    return [
        checks.Warning(
            "The site trusts a proxy's X-Forwarded-Proto header but not its forwarded "
            "address, so every resident's form seems to come from the proxy and the sign-up "
            "rate limit counts them all as one visitor.",
            hint='Set INVOLVEMENT_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR" (the demo '
            "settings read TRUSTED_PROXY_HEADER) and have the proxy set X-Forwarded-For.",
            id="involvement_forms.W002",
        )
    ]
