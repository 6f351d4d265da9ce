"""A deployment check: receipts must not sit where the web server serves media."""

from pathlib import Path

from django.conf import settings
from django.core import checks

from .storage import private_root


@checks.register(checks.Tags.security, deploy=True)
def private_media_outside_media_root(app_configs, **kwargs):
    media = Path(settings.MEDIA_ROOT).resolve() if settings.MEDIA_ROOT else None
    private = private_root().resolve()
    if media and (private == media or media in private.parents):
        return [
            checks.Error(
                "INVOLVEMENT_PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT, so residents' "
                "receipts could be served to anyone who guesses their address.",
                hint="Set INVOLVEMENT_PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT.",
                id="involvement_expenses.E001",
            )
        ]
    return []
