"""Every sample file in importers/samples imports cleanly into the demo site, in order,
and imports again as unchanged: the samples are the column reference made real."""

from pathlib import Path

from django.apps import apps
from django.db import connection

import pytest

from importers.engine import run_import
from importers.exporting import export_resource
from importers.resources import RESOURCES

SAMPLES = Path(__file__).resolve().parents[2] / "importers" / "samples"
ORDER = ["people", "panels", "memberships", "meetings", "funds", "rounds", "applications",
         "opportunities", "events"]  # fmt: skip


def test_there_is_a_sample_for_every_resource():
    assert sorted(ORDER) == sorted(RESOURCES)
    assert sorted(p.stem for p in SAMPLES.glob("*.csv")) == sorted(RESOURCES)


@pytest.mark.django_db
def test_samples_import_into_the_demo_site_and_again_as_unchanged(demo_site):
    for name in ORDER:
        data = (SAMPLES / f"{name}.csv").read_bytes()
        report = run_import(name, data, f"{name}.csv", dry_run=False)
        assert report.ok, (name, report.error_list())
        assert report.unknown_columns == [], name
        assert report.count("new") == len(report.rows), name

    for name in ORDER:
        data = (SAMPLES / f"{name}.csv").read_bytes()
        report = run_import(name, data, f"{name}.csv", dry_run=True)
        assert report.counts["unchanged"] == len(report.rows), (name, report.error_list())

    # Everything on the site, exported in each resource's columns, imports back unchanged:
    # demo rows (with ID- references) and imported rows alike.
    for name in ORDER:
        exported = export_resource(name, "xlsx" if name == "people" else "csv")
        report = run_import(name, exported, f"{name}-export", dry_run=True)
        assert report.ok, (name, report.error_list()[:5])
        changed = [(r.line, r.changes) for r in report.rows if r.status != "unchanged"]
        assert changed == [], (name, changed[:3])


@pytest.mark.django_db
def test_a_preview_of_any_file_reads_and_only_then_records_its_run(demo_site):
    """A preview checks every row with reads alone, in no transaction, so on SQLite it never
    holds the write lock residents wait for; its one write is the run's own history. Each
    file is previewed with the files it refers to imported, then imported itself."""
    history = {
        model._meta.db_table.upper() for model in apps.get_app_config("importers").get_models()
    }

    def names_history(sql):
        return any(f'"{table}"' in sql for table in history)

    for name in ORDER:
        data = (SAMPLES / f"{name}.csv").read_bytes()
        statements = []

        def record(execute, sql, params, many, context, statements=statements):
            statements.append(" ".join(sql.split()).upper())
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            report = run_import(name, data, name, dry_run=True)
        assert run_import(name, data, name, dry_run=False).ok, name

        assert report.ok, (name, report.error_list())
        assert report.count("new") == len(report.rows) > 0, name
        reads = ("SELECT", "WITH")
        first_write = next(i for i, sql in enumerate(statements) if not sql.startswith(reads))
        recording = statements[first_write:]
        assert names_history(recording[0]), (name, recording[0])
        assert [
            sql
            for sql in recording
            if not names_history(sql) and not sql.startswith((*reads, "SAVEPOINT", "RELEASE"))
        ] == [], name
