"""Files with faults landlords' files really have, for every kind of record: an unclosed
quote, ragged rows, a NUL byte, cells too long for their field, headers nobody uses.

Each fault is listed on the row and column a spreadsheet shows, every fault in the file at
once; nothing is written; the history keeps the run's summary and not a copy of its rows.
The files are in tests/importers/files/faulty-<resource>-<fault>.csv, made from the
resource's sample in importers/samples.
"""

import csv
import hashlib
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils.html import escape

import pytest

from forms.models import Person
from importers.engine import run_import
from importers.models import ImportRun
from importers.resources import RESOURCES
from involvement_pages.roles import EQUALITY, OFFICERS
from tests.importers.conftest import csv_bytes
from tests.importers.test_reading import xlsx_bytes
from tests.staff import staff

FILES = Path(__file__).parent / "files"
SAMPLES = Path(__file__).resolve().parents[2] / "importers" / "samples"
ORDER = ["people", "panels", "memberships", "meetings", "funds", "rounds", "applications",
         "opportunities", "events"]  # fmt: skip
FAULTS = ["unclosed-quote", "ragged", "nul-byte", "over-long", "unknown-headers"]

NEVER_CLOSED = (
    'A quote (") opens this cell and is never closed, so everything after it to the end of '
    "the file would be read into this one cell. Close the quote or remove it. The rest of "
    "the file is read as if it were not there."
)
CLOSED_EARLY = (
    'A quote (") opens this cell and is closed before the cell ends. Close it at the end of '
    'the cell, writing any quote inside the cell twice (""), or remove it. The rest of the '
    "file is read as if it were not there."
)
NUL = (
    "This cell holds a NUL character (a zero byte), which has no place in text: the file may "
    "be damaged, or saved in another format. Remove it and upload the file again."
)


def more_cells(width, letter):
    return (
        f"This row has {width + 1} cells but the header has {width}: column {letter} has "
        "something in it and no header. A cell may hold a comma that should be inside quotes."
    )


def fewer_cells(width):
    return (
        f"This row has {width - 1} cells but the header has {width}, so its values may be in "
        "the wrong columns. A separator may be missing, or the row cut short."
    )


def too_long(length, most):
    return f"This is {length} characters long; the most this field holds is {most}."


# For each resource: the second column (an unclosed quote on line 2, a NUL on line 3) and
# what the quote does there, the header's width, its last column (line 4 lost its cell),
# and the text cell made 10,000 characters long on line 3, with the most its field holds.
# The quote runs to the end of the file unless a quoted cell after it closes it.
EXPECTED = {
    "people": ("Full name", CLOSED_EARLY, 23, "Equality consent wording", ("Full name", 200)),
    "panels": ("Name", CLOSED_EARLY, 18, "Last support visit", ("Name", 200)),
    "memberships": ("Person reference", NEVER_CLOSED, 7, "End date", None),
    "meetings": ("Panel", NEVER_CLOSED, 5, "Notes link", ("Notes link", 500)),
    "funds": ("Name", NEVER_CLOSED, 8, "Accepting applications", ("Name", 200)),
    "rounds": ("Fund", NEVER_CLOSED, 6, "Budget", ("Name", 100)),
    "applications": ("Fund", NEVER_CLOSED, 13, "Published", ("Project", 200)),
    "opportunities": ("Title", CLOSED_EARLY, 15, "How to join", ("Title", 255)),
    "events": ("Title", NEVER_CLOSED, 14, "Capacity", ("Title", 255)),
}


def letter(index):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def expected_errors(name, fault):
    second, quote, width, last, long_cell = EXPECTED[name]
    if fault == "unclosed-quote":
        return [(2, second, quote)]
    if fault == "ragged":
        # Line 2's stray run of empty cells is fine; line 4's missing budget is also blank.
        blank = [(4, "Budget", "Budget is blank.")] if name == "rounds" else []
        return [(3, f"Column {letter(width)}", more_cells(width, letter(width))), *blank,
                (4, last, fewer_cells(width))]  # fmt: skip
    if fault == "nul-byte":
        return [(3, second, NUL)]
    if fault == "over-long":
        errors = [(2, "Reference", too_long("5,002", 60))]
        if long_cell:
            column, most = long_cell
            # The meetings' notes link is a web address: 20 characters of it before the x's.
            length = "10,020" if name == "meetings" else "10,000"
            errors.append((3, column, too_long(length, most)))
        return errors
    return [("", "", "Choose which column holds the Reference.")]


def read(name, fault):
    return (FILES / f"faulty-{name}-{fault}.csv").read_bytes()


def import_samples_before(name):
    """What the rows of ``name`` refer to: the samples that come before it, imported."""
    for earlier in ORDER[: ORDER.index(name)]:
        report = run_import(earlier, (SAMPLES / f"{earlier}.csv").read_bytes(), "s.csv",
                            dry_run=False)  # fmt: skip
        assert report.written, (earlier, report.error_list())


def record_count(name):
    return RESOURCES[name]._meta.model.objects.count()


def test_there_is_every_faulty_file_for_every_resource():
    made = {p.name for p in FILES.glob("faulty-*.csv")}
    assert made == {f"faulty-{name}-{fault}.csv" for name in RESOURCES for fault in FAULTS}
    assert sorted(ORDER) == sorted(RESOURCES) == sorted(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ORDER)
def test_every_fault_is_listed_on_its_line_and_column_and_nothing_is_written(demo_site, name):
    import_samples_before(name)
    before = record_count(name)
    for fault in FAULTS:
        data = read(name, fault)

        report = run_import(name, data, f"faulty-{name}-{fault}.csv", dry_run=False)

        expected = expected_errors(name, fault)
        assert report.error_list() == expected, (name, fault)
        assert not report.written
        assert record_count(name) == before, (name, fault)
        run = ImportRun.objects.get(pk=report.run.pk)
        assert run.outcome == ImportRun.Outcome.REFUSED
        assert run.file_sha256 == hashlib.sha256(data).hexdigest()
        assert run.report["errors"] == [list(e) for e in expected]
        assert run.report["counts"] == report.counts
        assert "rows" not in run.report
        assert "samples" not in run.report
        if fault == "unknown-headers":
            assert report.unknown_columns == ["Zorblax", "Shoe size"]
        else:
            # Every row is counted, the faulty ones among the errors: none is lost.
            assert len(report.rows) == 3
            assert report.counts["error"] == len({e[0] for e in expected})


# Through the admin and the command line --------------------------------------------------------


@pytest.fixture
def equality_officer(client, demo_site):
    """An officer who may import the people samples' equality answers."""
    return staff(client, OFFICERS, EQUALITY, username="equality-officer")


def upload(client, name, fault):
    response = client.post(
        reverse("importers:upload"),
        {"resource": name, "file": SimpleUploadedFile(f"{fault}.csv", read(name, fault))},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    token = resolve(response["Location"].split("?")[0]).kwargs["token"]
    return token, client.get(reverse("importers:preview", args=[token]))


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["unclosed-quote", "ragged", "nul-byte", "over-long"])
def test_the_admin_lists_each_fault_and_offers_no_import(client, equality_officer, fault):
    before = record_count("people")

    token, response = upload(client, "people", fault)

    html = response.content.decode()
    for line, column, message in expected_errors("people", fault):
        assert f"<td>{line}</td>" in html
        assert f"<td>{escape(column)}</td>" in html
        assert f"<td>{escape(message)}</td>" in html
    assert "Import these records" not in html
    assert record_count("people") == before
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REFUSED
    assert "rows" not in run.report, "a refused file keeps no copy of its rows"

    client.post(reverse("importers:cancel"), {"pending": token})

    run.refresh_from_db()
    assert run.outcome == ImportRun.Outcome.CANCELLED
    assert run.report["errors"] == [list(e) for e in expected_errors("people", fault)]
    assert "samples" not in run.report


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "fault"), [("people", "unclosed-quote"), ("funds", "ragged")])
def test_the_command_lists_each_fault_exits_1_and_writes_nothing(
    demo_site, tmp_path, capsys, name, fault
):
    import_samples_before(name)
    before = record_count(name)
    path = tmp_path / f"faulty-{name}-{fault}.csv"
    path.write_bytes(read(name, fault))

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", name, str(path))

    out = capsys.readouterr().out
    assert exit_info.value.code == 1
    for line, column, message in expected_errors(name, fault):
        assert f"Line {line}, {column}: {message}" in out
    assert "Nothing was written." in out
    assert record_count(name) == before
    run = ImportRun.objects.get(file_name=path.name)
    assert (run.outcome, run.via) == (ImportRun.Outcome.REFUSED, "command line")
    assert run.report["errors"] == [list(e) for e in expected_errors(name, fault)]
    assert run.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert "rows" not in run.report
    assert "samples" not in run.report


# The cases the issue names ------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unclosed_quote_loses_no_row_and_writes_nothing():
    data = csv_bytes(
        "Reference,Full name,Email", 'Q-1,"Unclosed,q@example.com', "Q-2,Two,q2@example.com"
    )

    report = run_import("people", data, "people.csv", dry_run=False)

    assert report.error_list() == [(2, "Full name", NEVER_CLOSED)]
    assert [(row.line, row.reference, row.status) for row in report.rows] == [
        (2, "Q-1", "error"),
        (3, "Q-2", "new"),  # checked as a row of its own, and would be new
    ]
    assert not report.written
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_full_name_of_10000_characters_is_too_long_not_blank():
    data = csv_bytes("Reference,Full name", "T1," + "A" * 10_000)

    report = run_import("people", data, "people.csv", dry_run=False)

    assert report.error_list() == [(2, "Full name", too_long("10,000", 200))]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_first_and_last_names_too_long_together_are_reported_on_the_columns_the_file_has():
    data = csv_bytes("Reference,First name,Last name", f"T1,{'A' * 100},{'B' * 100}")

    report = run_import("people", data, "people.csv", dry_run=True)

    assert report.error_list() == [
        (
            2,
            "First name",
            "First name and Last name together are 201 characters long; the most a full "
            "name holds is 200.",
        )
    ]


@pytest.mark.django_db
def test_a_reference_of_5002_characters_is_reported_by_the_command_not_a_traceback(
    tmp_path, capsys
):
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes("Reference,Full name,Email", "T" + "1" * 5001 + ",Ann,a@example.com")
    )

    with pytest.raises(SystemExit) as exit_info:
        call_command("import_legacy", "people", str(path))

    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert f"Line 2, Reference: {too_long('5,002', 60)}" in out
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.REFUSED
    assert run.report["errors"] == [[2, "Reference", too_long("5,002", 60)]]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_every_field_of_every_resource_is_held_to_its_length(demo_site):
    """A cell too long for its model field is refused on its line and column, for every text
    field of every kind of record: each resource's sample row with one cell made too long."""
    import_samples_before("events")
    checked = []
    for name in ORDER:
        resource = RESOURCES[name]()
        sample = list(csv.reader(io.StringIO((SAMPLES / f"{name}.csv").read_text("utf-8-sig"))))
        for column in resource.columns:
            field = resource.fields[column.header]
            most = getattr(field.widget, "max_length", None) or resource.most(field) or 0
            most = most if field.attribute else 60
            if not most or not _plain_text(field):
                continue
            header, row = list(sample[0]), list(sample[1])
            if column.header not in header:
                header.append(column.header)
                row.append("")
            row[header.index(column.header)] = "x" * (most + 1)
            buffer = io.StringIO()
            csv.writer(buffer).writerows([header, row])

            report = run_import(name, buffer.getvalue().encode(), "x.csv", dry_run=True)

            expected = (2, column.header, too_long(f"{most + 1:,}", most))
            assert expected in report.error_list(), (name, report.error_list())
            checked.append(f"{name}.{column.field}")
    assert {"people.legacy_reference", "people.name", "people.email", "people.first_name",
            "panels.name", "panels.slug", "funds.slug", "events.title", "opportunities.title",
            "applications.project", "rounds.name"} <= set(checked)  # fmt: skip


def _plain_text(field):
    """Fields whose cell is kept as text (not a choice, a date, a number or a name to find)."""
    return type(field.widget).__name__ in {"TextWidget", "EmailWidget", "ReferenceWidget"}


@pytest.mark.django_db
def test_an_over_long_cell_in_a_workbook_is_reported_the_same_way():
    data = xlsx_bytes({"People": [["Reference", "Full name"], ["T1", "A" * 5_002]]})

    report = run_import("people", data, "people.xlsx", dry_run=False)

    assert report.error_list() == [(2, "Full name", too_long("5,002", 200))]
    assert Person.objects.count() == 0
