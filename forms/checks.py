"""Deployment checks (``manage.py check --deploy``) for what the forms rely on."""

from django.conf import settings
from django.core import checks

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
