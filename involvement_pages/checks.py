"""System checks for what the core app relies on in a host's settings."""

from django.conf import settings
from django.core import checks
from django.db import connections

# Wagtail's own names for its database backend, which fails on a typed " under SQLite.
RAW_DATABASE_BACKENDS = {
    "wagtail.search.backends.database",
    "modelsearch.backends.database",
}


@checks.register(checks.Tags.compatibility)
def search_backend(app_configs, **kwargs):
    """On SQLite, a search for " through Wagtail's database backend is a 500 (#13227)."""
    if connections["default"].vendor != "sqlite":
        return []
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", None) or {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
    raw = sorted(
        name
        for name, backend in configured.items()
        if backend.get("BACKEND") in RAW_DATABASE_BACKENDS
    )
    if not raw:
        return []
    return [
        checks.Warning(
            f"On SQLite, a search for a double quote through Wagtail's database search "
            f"backend ({', '.join(raw)}) fails with a server error, for example on the "
            "admin's Forms list.",
            hint='Set WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": '
            '"involvement_pages.search_backend"}}: the same backend, searching the words typed.',
            id="involvement_pages.W001",
        )
    ]
