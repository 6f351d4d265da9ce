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


# Broken CSV: every fault on its row (as a spreadsheet numbers rows) and column ------------------

NEVER_CLOSED = 'A quote (") opens this cell and is never closed'


def test_an_unclosed_quote_is_a_fault_and_the_row_it_swallowed_is_read():
    table = read_table(
        csv_bytes(
            "Reference,Full name,Email", 'Q-1,"Unclosed,q@example.com', "Q-2,Two,q2@example.com"
        )
    )
    assert table.rows == [
        (2, ["Q-1", "Unclosed", "q@example.com"]),
        (3, ["Q-2", "Two", "q2@example.com"]),
    ]
    [(line, column, message)] = table.faults
    assert (line, column) == (2, "Full name")
    assert message.startswith(NEVER_CLOSED + ", so everything after it to the end of the file")


def test_a_quote_closed_rows_later_names_the_lines_it_swallowed():
    table = read_table(
        csv_bytes(
            "Reference,Full name,Email",
            'Q-1,"Unclosed,q@example.com',
            "Q-2,Two,q2@example.com",
            'Q-3,"Three",q3@example.com',
            "Q-4,Four,q4@example.com",
        )
    )
    assert [(line, cells[0]) for line, cells in table.rows] == [
        (2, "Q-1"),
        (3, "Q-2"),
        (4, "Q-3"),
        (5, "Q-4"),
    ]
    assert table.rows[2][1] == ["Q-3", "Three", "q3@example.com"]
    [(line, column, message)] = table.faults
    assert (line, column) == (2, "Full name")
    assert "is not closed where the cell ends, so the next 2 lines would be read" in message


def test_a_genuine_address_over_several_lines_and_doubled_quotes_are_read_fine():
    table = read_table(
        csv_bytes(
            "Reference,Full name,Address",
            'T1,"Ann ""Nan"" Example","Flat 2, 10 Example Street\r\nStockton\r\nTS1 1AA"',
            'T2,Ben,"1 High Street"',
        )
    )
    assert table.faults == []
    assert table.rows == [
        (2, ["T1", 'Ann "Nan" Example', "Flat 2, 10 Example Street\r\nStockton\r\nTS1 1AA"]),
        (3, ["T2", "Ben", "1 High Street"]),
    ]


def test_a_mended_row_keeps_the_unusual_line_breaks_inside_its_cells():
    table = read_table(csv_bytes("Reference,Full name,Notes", 'T1,"Ann,a\x85b\u2028c', "T2,Ben,x"))
    assert table.rows == [(2, ["T1", "Ann", "a\x85b\u2028c"]), (3, ["T2", "Ben", "x"])]
    assert [(line, column) for line, column, _ in table.faults] == [(2, "Full name")]


def test_an_unclosed_quote_in_the_header_refuses_the_file():
    with pytest.raises(ImportFileError, match=r"^Line 1, the header row: A quote"):
        read_table(csv_bytes('Reference,"Full name,Email', "T1,Ann,a@example.com"))


def test_rows_with_more_or_fewer_cells_than_the_header_are_faults_but_a_stray_delimiter_is_not():
    table = read_table(
        csv_bytes(
            "Reference,Full name,Email",
            "T1,Ann,a@example.com,,",
            "T2,Smith, Bob,b@example.com",
            "T3,Cy",
        )
    )
    assert [line for line, _ in table.rows] == [2, 3, 4]
    assert table.faults == [
        (
            3,
            "Column D",
            "This row has 4 cells but the header has 3: column D has something in it and no "
            "header. A cell may hold a comma that should be inside quotes.",
        ),
        (
            4,
            "Email",
            "This row has 2 cells but the header has 3, so its values may be in the wrong "
            "columns. A separator may be missing, or the row cut short.",
        ),
    ]


def test_a_header_ending_in_a_stray_delimiter_does_not_make_every_row_short():
    table = read_table(csv_bytes("Reference,Full name,", "T1,Ann"))
    assert table.faults == []


def test_a_nul_byte_anywhere_in_the_file_is_a_fault_on_its_row_and_column():
    rows = [f"T{i},Person {i}" for i in range(400)]  # the NUL is well past the first 4 KB
    rows.append("T400,Ze\x00d")
    table = read_table(csv_bytes("Reference,Full name", *rows))
    assert len(table.rows) == 401
    [(line, column, message)] = table.faults
    assert (line, column) == (402, "Full name")
    assert message.startswith("This cell holds a NUL character (a zero byte)")


def test_a_nul_byte_in_the_header_refuses_the_file():
    with pytest.raises(ImportFileError, match=r"^Line 1, the header row: This cell holds a NUL"):
        read_table(csv_bytes("Reference,Full\x00name", "T1,Ann"))


def test_a_fault_in_the_last_row_of_a_large_file_is_found():
    rows = [f"T{i},Person {i},p{i}@example.com" for i in range(20_000)]
    table = read_table(csv_bytes("Reference,Full name,Email", *rows, 'T20000,"Last,l@example.com'))
    assert len(table.rows) == 20_001
    assert [(line, column) for line, column, _ in table.faults] == [(20_002, "Full name")]


def test_a_cell_longer_than_the_csv_module_allows_is_still_read():
    table = read_table(csv_bytes("Reference,Notes", "T1," + "x" * 200_000))
    assert len(table.rows[0][1][1]) == 200_000
    assert table.faults == []


def test_old_mac_line_endings_are_read():
    table = read_table(csv_bytes("Reference,Full name", "T1,Ann", "T2,Ben", newline="\r"))
    assert table.rows == [(2, ["T1", "Ann"]), (3, ["T2", "Ben"])]


def test_xlsx_values_right_of_the_last_header_become_a_column_with_no_header():
    data = xlsx_bytes({"People": [["Ref", "Name"], ["T1", "Ann", "kept"], ["T2", "Ben"]]})
    table = read_table(data)
    assert table.headers == ["Ref", "Name", ""]
    assert table.rows == [(2, ["T1", "Ann", "kept"]), (3, ["T2", "Ben"])]
