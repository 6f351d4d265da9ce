"""Checking (a dry run) and importing an uploaded file for the admin, in the request or as a
background task on the "imports" backend.

Progress goes to the cache rather than to ``ImportRun.rows_done``: the rows are checked
without writing to the database (residents may be signing up meanwhile), and a write every
second would take SQLite's write lock each time.
"""

import logging
import re
import time
import zipfile
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from django_tasks import task

from .conf import get as setting
from .engine import run_import
from .models import ImportRun
from .pending import MAX_AGE_SECONDS, Pending

logger = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 1.0
XLSX_DIMENSION_RE = re.compile(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


def background_rows():
    return setting("INVOLVEMENT_IMPORT_BACKGROUND_ROWS")


def estimate_rows(data):
    """Rows in a file without reading it: line breaks in a CSV, the sheets' own size in XLSX."""
    if data[:4] != b"PK\x03\x04":
        return data.count(b"\n")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        rows = 0
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                # The dimension sits near the top; reading a little of it is safe from a zip bomb.
                with archive.open(name) as sheet:
                    found = XLSX_DIMENSION_RE.search(sheet.read(4096))
                if found and found.group(1):
                    rows = max(rows, int(found.group(1)))
        if rows:
            return rows
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
    return len(data) // 50  # about what one row of a typical sheet takes compressed


def progress_key(run_id):
    return f"importers:progress:{run_id}"


def rows_done(run):
    if run.in_progress:
        return max(run.rows_done, cache.get(progress_key(run.pk)) or 0)
    return run.rows_done


def _progress_recorder(run_id):
    last = 0.0

    def record(row_number):
        nonlocal last
        now = time.monotonic()
        if row_number and now - last >= PROGRESS_EVERY_SECONDS:
            last = now
            cache.set(progress_key(run_id), row_number, timeout=24 * 60 * 60)

    return record


def forget_stale_previews():
    """Uploads left more than a day can no longer be imported: each run forgets its file and
    the rows its preview kept (see ``ImportRun.expire``). Returns how many were forgotten."""
    cutoff = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS)
    # Whether or not it still holds a token: a run whose token went some other way must
    # not keep its copy of residents' rows either.
    stale = ImportRun.objects.filter(started_at__lt=cutoff).filter(
        ~Q(pending_token="") | Q(report__has_key="rows") | Q(report__has_key="samples")
    )
    return sum(run.expire() for run in stale.only("pk", "outcome", "pending_token", "report"))


def check_or_import(pending, dry_run, mapping=None):
    """Run the shared import engine on the pending file, recording the result on its run.

    ``pending`` is a ``Pending`` as a dict (task arguments must be JSON). ``mapping`` is the
    field each column fills, as the officer chose (a list by position); without it a check
    uses the mapping saved for files with these headers, or matches them by their meaning.
    A preview keeps its rows for the preview page, and its file while the officer may still
    choose other columns; once nothing more can be done with the file, it is removed.
    """
    pending = Pending(**pending)
    run = ImportRun.objects.get(pk=pending.run)
    run.start(dry_run=dry_run)
    data = pending.read()
    if data is None:
        run.refuse(
            gettext(
                "The uploaded file is no longer the one that was checked (it has changed or "
                "been removed), so nothing was imported. Upload the file again."
            )
        )
        run.release()
        return
    try:
        report = run_import(
            pending.resource,
            data,
            run.file_name,
            dry_run=dry_run,
            user=get_user_model().objects.filter(pk=pending.user).first(),
            sheet=pending.sheet or None,
            encoding=pending.encoding or None,
            via="admin",
            progress=_progress_recorder(run.pk),
            run=run,
            keep_preview=dry_run,
            mapping=mapping,
            use_saved_mapping=dry_run and mapping is None,
        )
    except Exception:
        # Nothing was written (the engine writes in one transaction); say so rather than
        # leave the progress page waiting for ever.
        logger.exception("Import run %s stopped", run.pk)
        run.fail(
            gettext(
                "The import stopped because of a fault on our side, so nothing was written. "
                "Try again; if it happens again, tell whoever looks after this site the "
                "import's number (%(number)s)."
            )
            % {"number": run.pk}
        )
        run.release()
        return
    finally:
        cache.delete(progress_key(run.pk))
    # A check with problems stays open while the file could be read: other columns may fix it.
    if not (dry_run and report.columns):
        run.release()


def _backend_alias():
    """The "imports" backend when the site has one (ours does, see settings), else the default,
    so a host site that never configured tasks still works."""
    return "imports" if "imports" in (getattr(settings, "TASKS", None) or {}) else "default"


@task(backend=_backend_alias())
def check_or_import_in_background(pending, dry_run, mapping=None):
    check_or_import(pending, dry_run, mapping)
