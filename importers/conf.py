"""Settings the importers read, with their defaults; a host sets only what it changes.

INVOLVEMENT_IMPORT_BACKGROUND_ROWS
    Files with more rows than this are checked and imported as a background task on the
    "imports" task backend (or the default one), with a progress page; smaller ones in the
    request.
INVOLVEMENT_IMPORT_MAX_BYTES
    The largest file an officer or the command line may import (20 MB unless set).
"""

from django.conf import settings

DEFAULTS = {
    "INVOLVEMENT_IMPORT_BACKGROUND_ROWS": 5000,
    "INVOLVEMENT_IMPORT_MAX_BYTES": 20 * 1024 * 1024,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
