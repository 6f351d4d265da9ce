"""Nothing personal kept longer than needed: a refused or cancelled import keeps its summary
(counts, problems by line and column, SHA-256) and not its copy of the rows; a preview left
a day loses its rows whether or not it still holds a token."""

import hashlib
import io
import tempfile
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone

import pytest

from importers.engine import run_import
from importers.models import ImportRun
from importers.tasks import forget_stale_previews
from tests.importers.conftest import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = "Reference,Full name,Email"
GOOD = csv_bytes(HEADER, "T1,Ann Example,ann@example.com", "T2,Ben Example,ben@example.com")
BAD = csv_bytes(HEADER, "T1,Ann Example,ann@example", 'T2,"Ben Example,ben@example.com')
BAD_ERRORS = [
    [2, "Email", "'ann@example' is not an email address."],
    [
        3,
        "Full name",
        'A quote (") opens this cell and is never closed, so everything after it to the end '
        "of the file would be read into this one cell. Close the quote or remove it. The rest "
        "of the file is read as if it were not there.",
    ],
]


@pytest.fixture(autouse=True)
def waiting_files(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def check(client, data):
    response = client.post(
        reverse("importers:upload"),
        {"resource": "people", "file": SimpleUploadedFile("people.csv", data)},
    )
    assert response.status_code == 302
    return resolve(response["Location"].split("?")[0]).kwargs["token"]


def age(run, days=1):
    ImportRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - timedelta(days=days, minutes=1)
    )


def assert_summary_kept(run, data, errors):
    assert run.file_sha256 == hashlib.sha256(data).hexdigest()
    assert run.report["errors"] == errors
    assert run.report["counts"]["error"] == len(errors)
    assert run.errors == len(errors)


def test_a_refused_check_keeps_its_summary_and_no_copy_of_its_rows(client, officer):
    check(client, BAD)

    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REFUSED
    assert "rows" not in run.report
    assert_summary_kept(run, BAD, BAD_ERRORS)
    # Only while the officer may still choose other columns are the first values shown.
    assert run.pending_token
    assert run.report["samples"][1] == ["Ann Example", "Ben Example"]


def test_cancelling_a_refused_check_deletes_the_first_values_too(client, officer):
    token = check(client, BAD)

    client.post(reverse("importers:cancel"), {"pending": token})

    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.CANCELLED
    assert "samples" not in run.report
    assert "rows" not in run.report
    assert "Ann Example" not in str(run.report)
    assert_summary_kept(run, BAD, BAD_ERRORS)


def test_cancelling_a_good_preview_deletes_its_rows_and_keeps_its_counts(client, officer):
    token = check(client, GOOD)
    assert ImportRun.objects.get().report["rows"]

    client.post(reverse("importers:cancel"), {"pending": token})

    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.CANCELLED
    assert "rows" not in run.report
    assert "samples" not in run.report
    assert run.report["counts"] == {"new": 2, "updated": 0, "unchanged": 0, "error": 0}
    assert run.new == 2


def test_a_refused_command_line_run_keeps_its_summary_only(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(BAD)

    with pytest.raises(SystemExit):
        call_command("import_legacy", "people", str(path), stdout=io.StringIO())

    run = ImportRun.objects.get()
    assert (run.outcome, run.via) == (ImportRun.Outcome.REFUSED, "command line")
    assert "rows" not in run.report
    assert "samples" not in run.report
    assert_summary_kept(run, BAD, BAD_ERRORS)


def test_a_preview_left_a_day_without_its_token_still_loses_its_rows(client, officer):
    check(client, GOOD)
    run = ImportRun.objects.get()
    # Its token gone some other way (a worker that died after releasing the file, say).
    ImportRun.objects.filter(pk=run.pk).update(pending_token="")
    fresh = run_import("people", GOOD, "fresh.csv", dry_run=True, keep_preview=True).run
    ImportRun.objects.filter(pk=fresh.pk).update(pending_token="")
    age(run)

    forgotten = forget_stale_previews()

    run.refresh_from_db()
    assert forgotten == 1
    assert run.outcome == ImportRun.Outcome.EXPIRED
    assert "rows" not in run.report
    assert "samples" not in run.report
    assert "Ann Example" not in str(run.report)
    assert run.report["counts"]["new"] == 2
    fresh.refresh_from_db()
    assert fresh.report["rows"], "a preview less than a day old is left alone"


def test_a_refused_check_left_a_day_loses_its_first_values(client, officer):
    check(client, BAD)
    run = ImportRun.objects.get()
    age(run)
    out = io.StringIO()

    call_command("forget_stale_imports", stdout=out)

    run.refresh_from_db()
    assert out.getvalue().strip() == "Forgot 1 abandoned upload."
    assert run.outcome == ImportRun.Outcome.REFUSED
    assert run.pending_token == ""
    assert "samples" not in run.report
    assert_summary_kept(run, BAD, BAD_ERRORS)
    assert forget_stale_previews() == 0, "once forgotten, a run is not forgotten again"
