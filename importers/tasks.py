"""Checking (a dry run) and importing an uploaded file for the admin, in the request or as a
background task on the "imports" backend.

Progress goes to the cache rather than to ``ImportRun.rows_done``: the import runs inside one
transaction, so other database connections would see nothing until it ends.
"""

import hashlib
import logging
import re
import time
import zipfile
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from django_tasks import task

from .engine import run_import
from .models import ImportRun
from .pending import MAX_AGE_SECONDS, BadToken, Pending

logger = logging.getLogger(__name__)

DEFAULT_BACKGROUND_ROWS = 5000
# The preview table keeps this many rows; its counts and error list always cover the whole file.
PREVIEW_ROWS = 10_000
PROGRESS_EVERY_SECONDS = 1.0
XLSX_DIMENSION_RE = re.compile(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')

ACTIVE = (ImportRun.Outcome.PENDING, ImportRun.Outcome.RUNNING)


def background_rows():
    return getattr(settings, "INVOLVEMENT_IMPORT_BACKGROUND_ROWS", DEFAULT_BACKGROUND_ROWS)


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
    if run.outcome in ACTIVE:
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


def _preview_rows(report):
    """Every row's outcome, compactly, for the preview table: [line, status, reference, name,
    [[column, before, after]], [[column, message]]]."""
    return [
        [
            row.line,
            row.status,
            str(row.reference),
            str(row.name),
            [[str(c), str(before), str(after)] for c, before, after in row.changes],
            [[str(c), str(message)] for c, message in row.errors],
        ]
        for row in report.rows[:PREVIEW_ROWS]
    ]


def _stop(run_id, outcome, message):
    ImportRun.objects.filter(pk=run_id).update(
        outcome=outcome,
        finished_at=timezone.now(),
        report={"errors": [["", "", message]], "unknown_columns": [], "file_description": ""},
    )


def _forget(pending):
    """Nothing more can be done with this upload: remove the file and the way back to it."""
    pending.remove()
    ImportRun.objects.filter(pk=pending.run).update(pending_token="")


def forget_stale_previews():
    """Uploads left more than a day (a preview nobody confirmed, or a background run no
    worker finished) can no longer be imported: remove their files and the copy of every
    row their preview kept, personal data nobody needs, and say so in the history.
    Returns how many were forgotten."""
    cutoff = timezone.now() - timedelta(seconds=MAX_AGE_SECONDS)
    stale = ImportRun.objects.filter(started_at__lt=cutoff).exclude(pending_token="")
    forgotten = 0
    for run in stale.only("pk", "outcome", "pending_token", "report"):
        try:
            Pending.from_token(run.pending_token, expires=False).remove()
        except BadToken:
            logger.warning("Import run %s kept a token that is not ours", run.pk)
        report = {key: value for key, value in (run.report or {}).items() if key != "rows"}
        if run.outcome in ACTIVE:
            outcome = ImportRun.Outcome.FAILED
            report["errors"] = [["", "", "The import never finished, so nothing was written."]]
        elif run.outcome == ImportRun.Outcome.PREVIEWED:
            outcome = ImportRun.Outcome.EXPIRED
        else:
            outcome = run.outcome
        forgotten += ImportRun.objects.filter(pk=run.pk, pending_token=run.pending_token).update(
            pending_token="", report=report, outcome=outcome
        )
    return forgotten


def check_or_import(pending, dry_run):
    """Run the shared import engine on the pending file, recording the result on its run.

    ``pending`` is a ``Pending`` as a dict (task arguments must be JSON). A preview keeps its
    rows for the preview page; once nothing more can be done with the file, it is removed.
    """
    pending = Pending(**pending)
    ImportRun.objects.filter(pk=pending.run).update(
        outcome=ImportRun.Outcome.RUNNING, rows_done=0, dry_run=dry_run
    )
    data = pending.read()
    if data is None or hashlib.sha256(data).hexdigest() != pending.sha256:
        _stop(
            pending.run,
            ImportRun.Outcome.REFUSED,
            "The uploaded file is no longer the one that was checked (it has changed or been "
            "removed), so nothing was imported. Upload the file again.",
        )
        _forget(pending)
        return
    run = ImportRun.objects.get(pk=pending.run)
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
        )
    except Exception:
        # Nothing was written (the engine works in one transaction); say so rather than
        # leave the progress page waiting for ever.
        logger.exception("Import run %s stopped", run.pk)
        _stop(
            run.pk,
            ImportRun.Outcome.FAILED,
            "The import stopped because of a fault on our side, so nothing was written. Try "
            "again; if it happens again, tell whoever looks after this site the import's number "
            f"({run.pk}).",
        )
        _forget(pending)
        return
    finally:
        cache.delete(progress_key(run.pk))
    if dry_run:
        ImportRun.objects.filter(pk=run.pk).update(
            report={**report.as_json(), "rows": _preview_rows(report)}
        )
    if not (dry_run and report.ok):
        _forget(pending)


def _backend_alias():
    """The "imports" backend when the site has one (ours does, see settings), else the default,
    so a host site that never configured tasks still works."""
    return "imports" if "imports" in (getattr(settings, "TASKS", None) or {}) else "default"


@task(backend=_backend_alias())
def check_or_import_in_background(pending, dry_run):
    check_or_import(pending, dry_run)
