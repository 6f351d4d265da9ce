"""What every legacy register holds: dates of birth, two phone numbers and communication
needs as yes/no columns or a list, read into the register's own fields."""

import datetime
import io

import openpyxl
import pytest

from forms.models import Person
from importers.engine import run_import
from tests.forms.factories import PersonFactory
from tests.importers.conftest import csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_groups")]


def people(data, name="people.csv"):
    return run_import("people", data, name, dry_run=False)


def needs(person):
    return sorted(person.communication_needs.values_list("slug", flat=True))


def test_a_northgate_style_file_fills_birth_date_numbers_and_needs():
    report = people(
        csv_bytes(
            "Legacy Ref,Full name,Tel No,Home Tel,Mobile,D.O.B.,Large Print (Y/N),Braille,"
            "Audio tape,Interpreter,Interpreter language,BSL,Easy Read",
            "L1,Ann Example,01642 000001,01642 000002,07700 900001,03/04/1958,Y,N,yes,Y,Polish,n,",
        )
    )

    assert report.ok, report.error_list()
    assert report.unknown_columns == []
    ann = Person.objects.get(legacy_reference="L1")
    assert (ann.phone, ann.landline, ann.mobile) == ("01642000001", "01642000002", "07700900001")
    assert ann.date_of_birth == datetime.date(1958, 4, 3)
    assert ann.language == "Polish"
    assert needs(ann) == ["audio", "interpreter", "large-print"]


@pytest.mark.parametrize(
    ("cell", "born"),
    [
        ("31/01/1960", datetime.date(1960, 1, 31)),
        ("1960-01-31", datetime.date(1960, 1, 31)),
        ("31.1.60", datetime.date(1960, 1, 31)),  # two-digit years of birth are in the past
        ("21946", datetime.date(1960, 1, 31)),  # an Excel serial day
    ],
)
def test_dates_of_birth_in_the_formats_registers_use(cell, born):
    report = people(csv_bytes("Reference,Full name,Date of Birth", f"B1,Bo Example,{cell}"))

    assert report.ok, report.error_list()
    assert Person.objects.get().date_of_birth == born


def test_a_date_cell_in_a_workbook_is_a_date_of_birth():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Reference", "Full name", "DOB"])
    workbook.active.append(["X1", "Cy Example", datetime.datetime(1949, 12, 24)])
    out = io.BytesIO()
    workbook.save(out)

    report = people(out.getvalue(), name="people.xlsx")

    assert report.ok, report.error_list()
    assert Person.objects.get().date_of_birth == datetime.date(1949, 12, 24)


def test_impossible_dates_of_birth_are_errors_on_their_line_and_column():
    next_year = datetime.date.today().year + 1
    ten_years_ago = (datetime.date.today() - datetime.timedelta(days=3653)).strftime("%d/%m/%Y")
    report = people(
        csv_bytes(
            "Reference,Full name,D.O.B.",
            f"F1,Future Example,01/01/{next_year}",
            "F2,Old Example,31/12/1899",
            f"F3,Young Example,{ten_years_ago}",
            "F4,Typo Example,31/02/1970",
        )
    )

    assert not report.ok
    assert Person.objects.count() == 0
    errors = report.error_list()
    assert [(line, column) for line, column, _ in errors] == [(n, "D.O.B.") for n in (2, 3, 4, 5)]
    assert "is in the future" in errors[0][2]
    assert "before 1900" in errors[1][2]
    assert "younger than 16" in errors[2][2]
    assert "not a real date" in errors[3][2]


def test_an_unknown_answer_in_a_yes_no_column_is_a_row_error():
    report = people(
        csv_bytes(
            "Reference,Full name,Large Print (Y/N),Braille",
            "M1,Mo Example,maybe,Y",
            "M2,Di Example,Y,N",
        )
    )

    assert not report.ok
    assert report.error_list() == [(2, "Large Print (Y/N)", "Use Yes or No, not 'maybe'")]
    assert Person.objects.count() == 0


def test_a_list_column_of_needs_and_yes_no_columns_together():
    report = people(
        csv_bytes(
            "Reference,Full name,Communication needs,BSL,Large print",
            "N1,Nia Example,Large print; Easy read,Y,N",
        )
    )

    assert report.ok, report.error_list()
    assert needs(Person.objects.get()) == ["bsl", "easy-read"]


def test_yes_no_columns_add_and_remove_needs_and_a_blank_keeps_them():
    held = PersonFactory(legacy_reference="K1", name="Kit Example")
    people(csv_bytes("Reference,Full name,Braille,Audio", "K1,Kit Example,Y,Y"))
    assert needs(held) == ["audio", "braille"]

    report = people(csv_bytes("Reference,Full name,Braille,Audio", "K1,Kit Example,N,"))

    assert report.counts["updated"] == 1
    assert needs(held) == ["audio"]
    again = people(csv_bytes("Reference,Full name,Braille,Audio", "K1,Kit Example,N,Y"))
    assert again.counts["unchanged"] == 1


def test_an_unknown_need_in_the_list_is_a_row_error():
    report = people(csv_bytes("Reference,Full name,Communication needs", "U1,Uma Example,Morse"))

    assert not report.ok
    ((line, column, message),) = report.error_list()
    assert (line, column) == (2, "Communication needs")
    assert "Morse" in message
