"""PostgreSQL gone in the middle of an import's write: the connection is cut from another
session (as a restart or a failover cuts it), the import says so in words and exits 4 as
docs/importing.md says, nothing is written, and running it again imports every row."""

import time

from django.core.management import call_command
from django.db import connection, connections

import pytest

from forms.models import Person
from importers import writing
from tests.importers.conftest import csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)  # the cut must end a real session

HEADER = "Reference,Full name,Email,Phone"
ROWS = 40


@pytest.fixture
def people_csv(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes(
            HEADER,
            *(f"C{n:04d},Resident {n},resident{n}@example.com," for n in range(ROWS)),
        )
    )
    return path


def cut_this_session():
    """End this connection's server session from another one, and wait until it is gone."""
    pid = connection.connection.info.backend_pid
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("select pg_terminate_backend(%s)", [pid])
            for _ in range(100):
                cursor.execute("select count(*) from pg_stat_activity where pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
    finally:
        other.close()


def test_an_import_cut_off_mid_write_writes_nothing_says_so_and_a_retry_succeeds(
    people_csv, monkeypatch, capsys
):
    if connection.vendor != "postgresql":
        pytest.skip("cuts a PostgreSQL session: run with DATABASE_URL=postgres://...")
    adopt = writing._adopt_joiners

    def cut_then_go_on(*args, **kwargs):
        # Inside the write's transaction, before any row is written.
        cut_this_session()
        return adopt(*args, **kwargs)

    monkeypatch.setattr(writing, "_adopt_joiners", cut_then_go_on)

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(people_csv))

    said = capsys.readouterr()
    told = said.out + said.err
    assert exit_info.value.code == 4
    assert (
        "The database could not save the import (it was busy or stopped), so nothing was "
        "written. Try again." in told
    )
    for not_for_people in ("Traceback", "terminating connection", "INSERT", "SELECT", "psycopg"):
        assert not_for_people not in told

    # A new run is a new process, with a new connection.
    monkeypatch.setattr(writing, "_adopt_joiners", adopt)
    connection.close()
    assert Person.objects.count() == 0

    call_command("import_legacy", "people", str(people_csv))

    assert Person.objects.count() == ROWS
    assert "Imported." in capsys.readouterr().out
