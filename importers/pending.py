"""An uploaded file waiting between its preview and the officer's decision.

The bytes sit in django-import-export's temporary storage (``IMPORT_EXPORT_TMP_STORAGE_CLASS``,
its ``TempFolderStorage`` unless set). Pages name the file only inside a signed token, as
``wagtail.contrib.redirects`` does, so a confirm cannot be pointed at another file, run or user.
"""

import contextlib
import hashlib
import os
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.utils.module_loading import import_string

SALT = "importers.pending"
# A preview left longer than this is stale: the records it compared against may have moved on.
MAX_AGE_SECONDS = 24 * 60 * 60


def storage_class():
    chosen = getattr(
        settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", "import_export.tmp_storages.TempFolderStorage"
    )
    return import_string(chosen) if isinstance(chosen, str) else chosen


def file_digest(data):
    """The SHA-256 that ties a run, its signed token and the stored bytes together."""
    return hashlib.sha256(data).hexdigest()


def store(data):
    """Keep ``data`` (bytes) in the temporary storage; return the name to find it by."""
    storage = storage_class()(read_mode="rb")
    storage.save(data)
    # TempFolderStorage names a file by its full path; it finds it again by the bare name.
    return os.path.basename(storage.name)


class BadToken(Exception):
    """The token was altered, or was not made by us."""


class ExpiredToken(BadToken):
    """The token is ours but older than MAX_AGE_SECONDS."""


@dataclass(frozen=True)
class Pending:
    run: int
    user: int
    resource: str
    file: str
    sha256: str
    sheet: str = ""
    encoding: str = ""

    def sign(self):
        return signing.dumps(asdict(self), salt=SALT, compress=True)

    @classmethod
    def from_token(cls, token, *, expires=True):
        """The pending upload a token names; ``expires=False`` reads an old one (to clean up)."""
        try:
            max_age = MAX_AGE_SECONDS if expires else None
            return cls(**signing.loads(token, salt=SALT, max_age=max_age))
        except signing.SignatureExpired as exc:
            raise ExpiredToken(str(exc)) from exc
        except (signing.BadSignature, TypeError, ValueError) as exc:
            raise BadToken(str(exc)) from exc

    def as_dict(self):
        return asdict(self)

    def _storage(self):
        return storage_class()(name=self.file, read_mode="rb")

    def read(self):
        """The stored bytes, or None once they have been removed or are no longer the
        bytes this upload was checked with."""
        try:
            data = self._storage().read()
        except OSError:
            return None
        if not isinstance(data, bytes) or file_digest(data) != self.sha256:
            return None
        return data

    def remove(self):
        # It may already be gone: cancelled in another tab, or imported.
        with contextlib.suppress(OSError):
            self._storage().remove()
