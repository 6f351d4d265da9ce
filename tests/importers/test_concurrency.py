"""Imports and residents share the database: sign-ups go on during an import, a resident who
joins mid-import is the file's row, one import runs at a time, and every ending is said in
words with the exit status docs/importing.md gives.

The SQLite tests copy the test database to a file (``file_database``): the suite's in-memory
database is shared between threads without SQLite's file locking, so it would prove nothing
about the write lock residents wait for.
"""

import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.test import Client

import pytest

from forms.models import Person, RegisterSubmission
from importers.engine import run_import
from importers.locks import one_import
from importers.models import ImportRun
from tests.forms.conftest import join_data
from tests.forms.factories import RegisterFormPageFactory
from tests.importers.conftest import csv_bytes
from tests.involvement_pages.factories import InvolvementMenuPageFactory

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Reference,Full name,Email,Phone"
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def people_file(size, start=0):
    return csv_bytes(
        HEADER,
        *(
            f"C{n:06d},Resident {n},resident{n}@example.com,07700 9{n:05d}"
            for n in range(start, start + size)
        ),
    )


@contextmanager
def on_file_database(path):
    """On SQLite, every connection (this thread's and new ones) uses a copy of the test
    database at ``path``, with the site's own settings (write-ahead log, IMMEDIATE
    transactions, 20 s busy timeout). On PostgreSQL, the test database as it is."""
    if connection.vendor != "sqlite":
        yield None
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    settings_dict = connection.settings_dict
    memory_name, memory = settings_dict["NAME"], connection.connection
    # Keep the in-memory database alive (its last connection closing would drop it) while
    # Django connects to the file instead.
    connection.connection = None
    settings_dict["NAME"] = str(path)
    try:
        yield path
    finally:
        for alias in connections:
            connections[alias].close()
        settings_dict["NAME"] = memory_name
        connection.connection = memory


@pytest.fixture
def file_database(tmp_path):
    with on_file_database(tmp_path / "db.sqlite3") as path:
        yield path


def command_environment(database):
    return {
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.test",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def finish_threads():
    connections.close_all()


# Sign-ups during a large import (SQLite's one write lock) -----------------------------------


@pytest.mark.slow
@transactional
def test_residents_sign_up_within_3_seconds_while_20000_people_are_imported(
    home, file_database, tmp_path
):
    """The command imports in its own process, as a migrator runs it, while residents sign
    up on the site: each waits at most for the short write, never for the whole check."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock is what this measures")
    page = RegisterFormPageFactory(parent=InvolvementMenuPageFactory(parent=home))
    url = page.url
    path = tmp_path / "people.csv"
    path.write_bytes(people_file(20_000))
    waits, statuses = [], []

    def sign_up(n):
        try:
            client = Client(REMOTE_ADDR=f"10.0.{n // 200}.{n % 200 + 1}")  # one each
            began = time.monotonic()
            response = client.post(
                url, join_data(name=f"Joiner {n}", email=f"joiner{n}@example.com")
            )
            waits.append(time.monotonic() - began)
            statuses.append(response.status_code)
        finally:
            finish_threads()

    importer = subprocess.Popen(
        [sys.executable, "manage.py", "import_legacy", "people", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=command_environment(file_database),
    )
    residents = []
    # A resident every half second from the command's start to its end (20 at least).
    while (importer.poll() is None and len(residents) < 120) or len(residents) < 20:
        thread = threading.Thread(target=sign_up, args=(len(residents),))
        thread.start()
        residents.append(thread)
        time.sleep(0.5)
    output, _ = importer.communicate(timeout=300)
    for thread in residents:
        thread.join(timeout=60)

    assert importer.returncode == 0, output
    assert "Imported." in output
    assert statuses == [302] * len(residents)
    assert max(waits) < 3, sorted(waits)
    assert Person.objects.count() == 20_000 + len(residents)
    assert RegisterSubmission.objects.count() == len(residents)


# A resident who joins online mid-import ----------------------------------------------------


@transactional
def test_a_resident_who_joins_mid_import_with_an_email_in_the_file_is_that_row(home, file_database):
    page = RegisterFormPageFactory(parent=InvolvementMenuPageFactory(parent=home))
    url = page.url
    data = people_file(300)
    joined = {}

    def join_on_another_connection():
        try:
            response = Client().post(
                url, join_data(name="Res Online", email="resident250@example.com")
            )
            joined["status"] = response.status_code
        finally:
            finish_threads()

    def progress(row_number):
        if row_number == 20 and not joined:
            # The resident joins from another connection while the rows are being checked.
            thread = threading.Thread(target=join_on_another_connection)
            thread.start()
            thread.join(timeout=30)

    report = run_import("people", data, "people.csv", dry_run=False, progress=progress)

    assert joined["status"] == 302
    assert report.written, report.error_list()
    assert Person.objects.filter(email="resident250@example.com").count() == 1
    person = Person.objects.get(email="resident250@example.com")
    assert person.legacy_reference == "C000250"
    assert person.name == "Resident 250"
    assert RegisterSubmission.objects.get().person == person  # their joining stays theirs
    assert Person.objects.count() == 300
    row = next(r for r in report.rows if r.reference == "C000250")
    assert row.status == "updated"
    assert ("Full name", "Res Online", "Resident 250") in row.changes
    # Importing the file again finds them by their reference now: nothing refused.
    again = run_import("people", data, "people.csv", dry_run=False)
    assert again.ok, again.error_list()
    assert again.counts["unchanged"] == 300


# One import at a time ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_import_of_the_same_records_is_refused_at_once(django_user_model):
    officer = django_user_model.objects.create(username="jo", first_name="Jo", last_name="Officer")
    with one_import("people", officer):
        began = time.monotonic()
        report = run_import("people", people_file(3), "people.csv", dry_run=False)
        took = time.monotonic() - began

    assert took < 2
    assert report.stopped == "busy"
    assert not report.written
    assert Person.objects.count() == 0
    (message,) = report.file_errors
    assert message.startswith("An import of people is already running (started ")
    assert "by Jo Officer), so this one was not started and nothing was written." in message
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REFUSED
    assert run.report["errors"] == [["", "", message]]
    assert (run.new, run.updated) == (0, 0)


@pytest.mark.django_db
def test_a_dry_run_and_other_records_are_not_held_up_by_a_running_import():
    with one_import("panels"):
        report = run_import("people", people_file(3), "people.csv", dry_run=False)
    assert report.written
    with one_import("people"):
        report = run_import("people", people_file(3, start=10), "people.csv", dry_run=True)
    assert report.ok
    assert not report.stopped


@pytest.mark.django_db
def test_the_lock_is_given_back_when_an_import_ends_badly():
    refused = run_import("people", csv_bytes(HEADER, "C1,,bad"), "people.csv", dry_run=False)
    assert not refused.ok
    report = run_import("people", people_file(2), "people.csv", dry_run=False)
    assert report.written


def command(database, *args):
    return subprocess.run(
        [sys.executable, "manage.py", "import_legacy", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=command_environment(database),
    )


@transactional
def test_the_command_exits_3_when_another_process_is_importing_and_records_the_refusal(
    file_database, tmp_path
):
    if file_database is None:
        pytest.skip("the command's database is the SQLite file here")
    path = tmp_path / "people.csv"
    path.write_bytes(people_file(5))
    with one_import("people"):
        result = command(file_database, "people", str(path))

    assert result.returncode == 3, result.stdout + result.stderr
    assert "An import of people is already running (started " in result.stdout
    assert "by the command line)" in result.stdout
    assert "Nothing was written." in result.stdout
    with sqlite3.connect(file_database) as db:
        assert db.execute("SELECT count(*) FROM involvement_forms_person").fetchone() == (0,)
        (outcome,) = db.execute("SELECT outcome FROM importers_importrun").fetchone()
    assert outcome == "refused"


# Exit statuses and database faults in words -------------------------------------------------


@pytest.mark.django_db
def test_each_exit_status_means_what_the_docs_say(tmp_path, monkeypatch, capsys):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(people_file(2))
    bad.write_bytes(csv_bytes(HEADER, "C9,Ann,not-an-email"))

    call_command("import_legacy", "people", str(good), "--dry-run")  # 0: nothing raised
    assert Person.objects.count() == 0
    call_command("import_legacy", "people", str(good))
    assert Person.objects.count() == 2

    statuses = {}
    for name, args in {
        "rows": [str(bad)],
        "file": [str(tmp_path / "missing.csv")],
    }.items():
        with pytest.raises(SystemExit) as exit_info:
            call_command("import_legacy", "people", *args)
        statuses[name] = exit_info.value.code
    with one_import("people"), pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(good))
    statuses["busy"] = exit_info.value.code

    def database_down(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr("importers.bulk.insert", database_down)
    monkeypatch.setattr(Person.objects, "bulk_create", database_down)
    third = tmp_path / "third.csv"
    third.write_bytes(people_file(1, start=50))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(third))
    statuses["database"] = exit_info.value.code

    assert statuses == {"rows": 1, "file": 2, "busy": 3, "database": 4}
    assert Person.objects.count() == 2
    out = capsys.readouterr().out
    assert "The database could not save the import (it was busy or stopped), so nothing " in out
    assert "disk I/O error" not in out
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.FAILED).count() == 1


@pytest.mark.django_db
def test_a_phone_another_person_holds_is_said_in_words_on_its_line(capsys, tmp_path):
    Person.objects.create(name="Jane Smith", legacy_reference="T-001", phone="07700900123")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(HEADER, "N1,Nia,n1@example.com,", "N2,Quinn,,07700 900123"))

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(path))

    out = capsys.readouterr().out
    assert exit_info.value.code == 1
    assert "Line 3, Phone: 07700900123 already belongs to Jane Smith (reference T-001)." in out
    assert "UNIQUE" not in out
    assert "constraint" not in out.lower()
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_the_same_phone_twice_without_email_names_both_rows_in_words():
    report = run_import(
        "people",
        csv_bytes(HEADER, "N1,Nia,,07700900123", "N2,Quinn,,07700 900123"),
        "people.csv",
        dry_run=False,
    )
    assert report.error_list() == [(3, "Phone", "07700900123 is also on line 2.")]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_clash_the_checks_miss_is_still_said_in_words(monkeypatch):
    """Whatever reaches the database as a unique violation comes back in the model's words."""
    Person.objects.create(name="Jane Smith", legacy_reference="T-001", email="q@example.com")
    monkeypatch.setattr("importers.writing.clashes", lambda *a, **k: {})
    monkeypatch.setattr(
        "importers.resources.people.PersonResource.check_rows", lambda self, rows: {}
    )

    report = run_import(
        "people", csv_bytes(HEADER, "N1,Quinn,q@example.com,"), "people.csv", dry_run=False
    )

    assert report.stopped == "database"
    assert report.file_errors == [
        "The database refused the import, so nothing was written: Someone on the register "
        "already has this email address."
    ]
    assert Person.objects.count() == 1


def test_the_docs_say_what_each_exit_status_means():
    docs = (ROOT / "docs" / "importing.md").read_text(encoding="utf-8")
    for status, words in [
        (0, "Imported"),
        (1, "Rows refused"),
        (2, "Usage or file error"),
        (3, "Another import of the same kind of record was running"),
        (4, "The database failed"),
    ]:
        assert f"| {status} | {words}" in docs, status
