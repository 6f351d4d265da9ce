"""import_legacy and export_records from the command line, as a migrator runs them."""

import csv
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import pytest

from forms.models import Person
from importers.models import ColumnMapping, ImportRun
from tests.importers.conftest import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
GOOD = csv_bytes("Reference,Full name,Email", "T1,Ann Example,ann@example.com")
BAD = csv_bytes("Reference,Full name,Email", "T1,Ann Example,ann@example", "T2,,")


def run(*args):
    """The command in a child process, so its exit status is what a shell sees."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"DJANGO_SETTINGS_MODULE": "cms_site.settings.test", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.django_db
def test_import_writes_and_summarises(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(GOOD)

    call_command("import_legacy", "people", str(path))

    out = capsys.readouterr().out
    assert "new 1, updated 0, unchanged 0, errors 0" in out
    assert "rows a second" in out
    assert "Imported." in out
    assert Person.objects.get().name == "Ann Example"


@pytest.mark.django_db
def test_refused_rows_exit_1_write_nothing_and_report_to_csv(tmp_path, capsys):
    path, report = tmp_path / "people.csv", tmp_path / "errors.csv"
    path.write_bytes(BAD)

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(path), "--errors-to", str(report))

    assert exit_info.value.code == 1
    assert Person.objects.count() == 0
    assert "Nothing was written." in capsys.readouterr().out
    rows = list(csv.reader(report.open(encoding="utf-8")))
    assert rows[0] == ["line", "column", "problem"]
    assert ["2", "Email", "'ann@example' is not an email address."] in rows
    assert ["3", "Full name", "Full name is blank."] in rows


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(GOOD)
    call_command("import_legacy", "people", str(path), "--dry-run")
    assert "Dry run: nothing written." in capsys.readouterr().out
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["people", "/no/such/file.csv"], "No such file"),
        (["ghosts", "x.csv"], "invalid choice: 'ghosts'"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run("import_legacy", *args)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.django_db
def test_an_unreadable_file_exits_2_and_is_recorded(tmp_path, capsys):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"not a workbook")

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(path), "--sheet", "People")

    assert exit_info.value.code == 2
    assert "named as an Excel workbook but is not one" in capsys.readouterr().out
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REFUSED


@pytest.mark.django_db
def test_export_records_writes_a_file_that_imports_back(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(GOOD)
    call_command("import_legacy", "people", str(path))
    out = tmp_path / "export.xlsx"

    call_command("export_records", "people", str(out))
    call_command("import_legacy", "people", str(out), "--dry-run")

    assert "new 0, updated 0, unchanged 1, errors 0" in capsys.readouterr().out


LEGACY = csv_bytes(
    "Legacy Ref,Full name,Tel No,Mobile,D.O.B.,Title",
    "NG-1,Ann Example,01642 900001,07700 900001,01/02/1950,Mrs",
)


def import_legacy(tmp_path, data, *args):
    path = tmp_path / "legacy.csv"
    path.write_bytes(data)
    call_command("import_legacy", "people", str(path), *args)


@pytest.mark.django_db
def test_columns_it_does_not_recognise_are_named_with_how_to_import_them(tmp_path, capsys):
    import_legacy(tmp_path, LEGACY)

    out = capsys.readouterr().out
    assert "Columns matched by their words (check them): 'Legacy Ref' as Reference, " in out
    assert "'Tel No' as Phone" in out
    assert "Columns not imported: Title\nUse --map 'Header=field' to import them." in out
    ann = Person.objects.get()
    assert (ann.phone, ann.mobile, str(ann.date_of_birth)) == (
        "01642900001",
        "07700900001",
        "1950-02-01",
    )


@pytest.mark.django_db
def test_map_chooses_a_columns_field_by_name_or_label_or_leaves_it_out(tmp_path, capsys):
    import_legacy(tmp_path, LEGACY, "--map", "Mobile=Phone", "--map", "Tel No=")

    out = capsys.readouterr().out
    assert "Columns not imported: Tel No, Title\n" in out
    assert "Imported." in out
    assert (Person.objects.get().phone, Person.objects.get().mobile) == ("07700900001", "")


@pytest.mark.django_db
def test_mapping_uses_the_choices_saved_under_that_name(tmp_path, capsys):
    ColumnMapping.remember(
        resource="people",
        name="Northgate export",
        headers=["Legacy Ref", "Full name", "Tel No", "Mobile", "D.O.B."],
        fields=["legacy_reference", "name", "", "phone", ""],
        user=None,
    )

    import_legacy(tmp_path, LEGACY, "--mapping", "Northgate export", "--map", "D.O.B.=")

    assert "Imported." in capsys.readouterr().out
    assert Person.objects.get().phone == "07700900001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Mobile=mobile_phone"], "--map 'Mobile=mobile_phone': people has no field"),
        (["--map", "Mobile"], "--map 'Mobile' is not HEADER=FIELD"),
        (["--mapping", "Orchard"], "No column mapping called 'Orchard' is saved for people."),
    ],
)
def test_a_field_or_mapping_that_does_not_exist_exits_2_having_read_nothing(
    tmp_path, capsys, args, message
):
    with pytest.raises(SystemExit) as exit_info:
        import_legacy(tmp_path, LEGACY, *args)

    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not ImportRun.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_map_naming_a_header_the_file_lacks_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        import_legacy(tmp_path, LEGACY, "--map", "Fax=phone")

    assert exit_info.value.code == 2
    out = capsys.readouterr().out
    assert "File: The file has no column headed 'Fax'." in out
    assert "Choose columns with --map 'Header=field' (or --mapping NAME)." in out
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_file_whose_reference_column_is_not_found_says_how_to_choose_it(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        import_legacy(tmp_path, csv_bytes("Customer,Full name", "C1,Ann Example"))

    assert exit_info.value.code == 2
    out = capsys.readouterr().out
    assert "File: Choose which column holds the Reference." in out
    assert "Choose columns with --map 'Header=field'" in out

    import_legacy(
        tmp_path,
        csv_bytes("Customer,Full name", "C1,Ann Example"),
        "--map",
        "Customer=legacy_reference",
    )
    assert Person.objects.get().legacy_reference == "C1"
