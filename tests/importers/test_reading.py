import io

import pytest
from openpyxl import Workbook

from importers.reading import ImportFileError, read_table
from tests.importers.conftest import csv_bytes


def test_reads_utf8_with_bom_and_reports_it():
    table = read_table(b"\xef\xbb\xbf" + csv_bytes("Ref,Name", "T1,Zo\u00eb"))
    assert table.headers == ["Ref", "Name"]
    assert table.rows == [(2, ["T1", "Zo\u00eb"])]
    assert table.description == "CSV, UTF-8 with BOM, separated by commas"


def test_reads_windows_1252_curly_quotes_pound_and_accents():
    table = read_table(
        csv_bytes("Ref;Name;Note", "T1;Siobh\u00e1n O\u2019Neill;\u00a37.00", encoding="cp1252")
    )
    assert table.rows[0][1] == ["T1", "Siobh\u00e1n O\u2019Neill", "\u00a37.00"]
    assert table.description == "CSV, Windows-1252, separated by semicolons"


@pytest.mark.parametrize(
    ("delimiter", "name"), [("\t", "tabs"), ("|", "vertical bars"), (";", "semicolons")]
)
def test_detects_delimiters(delimiter, name):
    table = read_table(csv_bytes(delimiter.join(["Ref", "Name"]), delimiter.join(["T1", "Ann"])))
    assert table.rows == [(2, ["T1", "Ann"])]
    assert name in table.description


def test_rows_are_numbered_as_a_spreadsheet_shows_them_and_blank_rows_are_skipped():
    # A quoted address with a line break is one row in a spreadsheet, so T2 is row 4.
    data = csv_bytes("Ref,Address", 'T1,"1 High Street\nStockton"', ",", "T2,2 Low Road")
    table = read_table(data)
    assert [line for line, _ in table.rows] == [2, 4]
    assert table.faults == []
    assert table.rows[0][1][1] == "1 High Street\nStockton"


def test_a_file_in_no_encoding_we_read_is_refused():
    with pytest.raises(ImportFileError, match="encoding we cannot read"):
        read_table(b"Ref,Name\r\nT1,\x81\x8d\x8f\r\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"   \r\n", "The file is empty."),
        (csv_bytes("Ref,Name"), "header row but no rows"),
        (b"\xff\xfeR\x00e\x00f\x00", "UTF-16 or a binary file"),
        (b"PK\x03\x04not really a zip", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Excel .xls"),
    ],
)
def test_unreadable_files_get_a_plain_message(data, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(data)


def test_a_csv_named_xlsx_is_refused():
    with pytest.raises(ImportFileError, match="not one"):
        read_table(csv_bytes("Ref,Name", "T1,Ann"), "people.xlsx")


def test_over_the_size_limit(settings):
    settings.INVOLVEMENT_IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="the most we accept is"):
        read_table(csv_bytes("Ref,Name", *[f"T{i},Ann" for i in range(50)]))


def xlsx_bytes(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_reads_xlsx_first_sheet_or_a_named_one_with_real_dates():
    import datetime

    data = xlsx_bytes(
        {
            "Notes": [["Nothing here"], ["x"]],
            "People": [["Ref", "Joined"], ["T1", datetime.datetime(2024, 1, 31)], [None, None]],
        }
    )
    assert read_table(data).headers == ["Nothing here"]
    table = read_table(data, sheet="People")
    assert table.rows == [(2, ["T1", datetime.date(2024, 1, 31)])]
    assert table.description == "Excel workbook, sheet 'People'"


def test_a_missing_sheet_names_the_ones_there():
    data = xlsx_bytes({"People": [["Ref"], ["T1"]]})
    with pytest.raises(ImportFileError, match=r"no sheet called 'Members'\. The sheets are"):
        read_table(data, sheet="Members")


def test_a_zip_bomb_is_refused_before_it_is_opened():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    with pytest.raises(ImportFileError, match="expands to far more data"):
        read_table(buffer.getvalue(), "people.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="zip archive, not an Excel workbook"):
        read_table(buffer.getvalue(), "people.xlsx")
