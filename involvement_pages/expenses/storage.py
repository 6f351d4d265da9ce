"""Where receipts are kept: outside MEDIA_ROOT, so no web server serves them to anyone.

The only way to a receipt is the officers' view (``ReceiptView``); the storage's ``url()``
names that view, so Wagtail's forms and inspect pages link there and nowhere public.

INVOLVEMENT_PRIVATE_MEDIA_ROOT
    The folder for private uploads. Unset, it is ``private-media`` beside MEDIA_ROOT.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse


def private_root():
    configured = getattr(settings, "INVOLVEMENT_PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    return Path(settings.MEDIA_ROOT).resolve().parent / "private-media"


class PrivateStorage(FileSystemStorage):
    """A file system storage whose files have no public address."""

    # Read on each use, so a host (or a test) can move it without reloading the models.
    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        return reverse("involvement_expense_claims:receipt", args=[name])


def receipt_storage():
    return PrivateStorage()
