"""Turning an uploaded legacy file into rows, whatever program wrote it.

CSV in UTF-8 (with or without a byte-order mark) or Windows-1252, with any of the
delimiters people use, or XLSX (first sheet or a named one). Every problem becomes an
``ImportFileError`` whose message a migrator can act on; nothing here touches the database.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext, ngettext

from .conf import get as setting
from .values import grouped

DELIMITERS = ",;\t|"
ENCODINGS = ("utf-8-sig", "cp1252")
# An XLSX holding more than this once unzipped is refused: a zip bomb looks like a small file.
# A line and its ending, as a file opened with newline="" reads them: \r\n, \r or \n, never
# the other breaks str.splitlines knows (\x85 is a character in Windows-1252 text).
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
MAX_XLSX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was written."""


@dataclass
class Table:
    headers: list
    rows: list = field(default_factory=list)  # (line number in the file, [cells])
    file_format: str = "csv"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    #: (row, column, message) for cells that cannot be read as they stand; each row named
    #: here is also among ``rows``, so it is counted and checked with the rest.
    faults: list = field(default_factory=list)

    @property
    def description(self):
        if self.file_format == "xlsx":
            return gettext("Excel workbook, sheet '%(sheet)s'") % {"sheet": self.sheet}
        names = {
            ",": gettext("commas"),
            ";": gettext("semicolons"),
            "\t": gettext("tabs"),
            "|": gettext("vertical bars"),
        }
        label = {
            "utf-8-sig": gettext("UTF-8 with BOM"),
            "utf-8": "UTF-8",
            "cp1252": "Windows-1252",
        }.get(self.encoding, self.encoding)
        return gettext("CSV, %(encoding)s, separated by %(delimiter)s") % {
            "encoding": label,
            "delimiter": names.get(self.delimiter, self.delimiter),
        }


def max_upload_bytes():
    return setting("INVOLVEMENT_IMPORT_MAX_BYTES")


def read_table(data, filename="", *, sheet=None, encoding=None):
    """Read ``data`` (bytes) into a Table of header names and numbered, non-blank rows."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ImportFileError(
            gettext(
                "The file is %(size).1f MB; the most we accept is %(limit).0f MB. "
                "Split it into smaller files."
            )
            % {"size": len(data) / 1024 / 1024, "limit": limit / 1024 / 1024}
        )
    if not data.strip():
        raise ImportFileError(gettext("The file is empty."))
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data, sheet)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(
            gettext(
                "The file is named as an Excel workbook but is not one. Save it again from "
                "Excel as .xlsx, or as CSV."
            )
        )
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            gettext("This is an old Excel .xls file. Save it from Excel as .xlsx or as CSV.")
        )
    else:
        if sheet:
            raise ImportFileError(gettext("A sheet name only applies to Excel workbooks, not CSV."))
        table = _read_csv(data, encoding)
    if not table.headers or not any(h.strip() for h in table.headers):
        raise ImportFileError(gettext("The file has no header row."))
    if not table.rows:
        raise ImportFileError(gettext("The file has a header row but no rows of data."))
    return table


def _decode(data, encoding):
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise ImportFileError(
                gettext("'%(encoding)s' is not an encoding we know.") % {"encoding": encoding}
            ) from exc
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                gettext("The file is not valid %(encoding)s (byte %(byte)d cannot be read).")
                % {"encoding": encoding, "byte": exc.start + 1}
            ) from exc
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") * 8 > len(head):
        # UTF-16 has a zero in every other byte of plain text; a stray NUL or two in a text
        # file is reported on its row and column instead (see _cell_faults).
        raise ImportFileError(
            gettext("The file looks like UTF-16 or a binary file. Save it as CSV (UTF-8) or XLSX.")
        )
    for candidate in ENCODINGS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "utf-8-sig":
            return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return text, candidate
    raise ImportFileError(
        gettext(
            "The file's text is in an encoding we cannot read. Save it as CSV UTF-8 and try again."
        )
    )


def _sniff_delimiter(text):
    sample = "\n".join(text[:65536].splitlines()[:20])  # not a list of every line
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text[:65536].splitlines()[0] if text else ""
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _read_csv(data, encoding):
    text, used = _decode(data, encoding)
    delimiter = _sniff_delimiter(text)
    # A cell longer than the csv module allows by default is still read, then reported
    # against its field's length, rather than stopping the whole file.
    csv.field_size_limit(max(csv.field_size_limit(), max_upload_bytes()))
    source = _Lines(text)
    # Strict, so a quote that does not pair up stops the record instead of silently
    # swallowing the rows after it; the record is then mended and read again.
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    has_nul = "\x00" in text
    headers, rows, faults = [], [], []
    mended = []  # (column index, message) for the record being read again
    row_number = 0  # as a spreadsheet numbers rows: a cell with line breaks is one row
    while True:
        source.start_record()
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            raw = "".join(source.taken)
            unpaired = _unpaired_quote(raw, delimiter)
            if unpaired is None:
                raise ImportFileError(
                    gettext("Line %(line)d: the CSV cannot be read (%(error)s).")
                    % {"line": row_number + 1, "error": exc}
                ) from exc
            offset, index, message = unpaired
            if row_number == 0:
                raise ImportFileError(
                    gettext("Line 1, the header row: %(problem)s") % {"problem": message}
                ) from exc
            mended.append((index, message))
            mended_text = io.StringIO(raw[:offset] + raw[offset + 1 :], newline="")
            source.read_again(mended_text.readlines())  # not splitlines: it splits on \x85
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            continue
        if cells is None:
            break
        row_number += 1
        if row_number == 1:
            if has_nul and any("\x00" in cell for cell in cells):
                raise ImportFileError(
                    gettext("Line 1, the header row: %(problem)s") % {"problem": _nul_message()}
                )
            headers = cells
            continue
        if mended:
            faults.extend((row_number, _column_label(headers, i), m) for i, m in mended)
            mended = []
        elif not any(c.strip() for c in cells):
            continue
        if len(cells) != len(headers) or has_nul:
            faults.extend(_cell_faults(row_number, headers, cells, delimiter))
        rows.append((row_number, cells))
    return Table(
        headers=headers,
        rows=rows,
        encoding=used,
        delimiter=delimiter,
        faults=faults,
    )


class _Lines:
    """The file's lines for csv.reader, remembering those of the record being read so a
    record whose quotes do not pair up can be mended and read again."""

    def __init__(self, text):
        # One line at a time out of the text itself: a StringIO would hold a copy of the
        # whole file at four bytes a character (50 MB for 100,000 rows).
        self._source = (match.group() for match in LINE_RE.finditer(text))
        self._again = []  # lines to read again, the next one last
        self.taken = []

    def __iter__(self):
        return self

    def __next__(self):
        # next() raises StopIteration at the end of the file, as an iterator should.
        line = self._again.pop() if self._again else next(self._source)
        self.taken.append(line)
        return line

    def start_record(self):
        self.taken = []

    def read_again(self, lines):
        self._again.extend(reversed(lines))


def _unpaired_quote(raw, delimiter):
    """(offset, cell index, message) for the quote that opens the cell where ``raw`` (a
    record the strict reader stopped on) goes wrong: a quote never closed, or closed
    before the cell ends. None when the quotes are not the problem."""
    start, quoted, closing = True, False, False
    opened, index, cell = None, 0, 0
    for offset, char in enumerate(raw):
        if quoted:
            if closing:
                if char == '"':
                    closing = False  # a doubled quote inside the cell
                    continue
                quoted = False
                if char != delimiter and char not in "\r\n":
                    return opened, index, _quote_message(raw, opened, at_end=False)
            elif char == '"':
                closing = True
                continue
            else:
                continue
        if char == delimiter:
            start, cell = True, cell + 1
        elif char in "\r\n":
            start, cell = True, 0
        elif start and char == '"':
            quoted, closing, opened, index, start = True, False, offset, cell, False
        else:
            start = False
    if quoted and not closing:
        return opened, index, _quote_message(raw, opened, at_end=True)
    return None


def _quote_message(raw, opened, *, at_end):
    if at_end:
        message = gettext(
            'A quote (") opens this cell and is never closed, so everything after it to the '
            "end of the file would be read into this one cell. Close the quote or remove it."
        )
    else:
        swallowed = len(raw[opened:].splitlines()) - 1
        if swallowed:
            message = ngettext(
                'A quote (") opens this cell and is not closed where the cell ends, so the '
                "next %(count)s line would be read into this one cell. Close the quote or "
                "remove it.",
                'A quote (") opens this cell and is not closed where the cell ends, so the '
                "next %(count)s lines would be read into this one cell. Close the quote or "
                "remove it.",
                swallowed,
            ) % {"count": grouped(swallowed)}
        else:
            message = gettext(
                'A quote (") opens this cell and is closed before the cell ends. Close it '
                'at the end of the cell, writing any quote inside the cell twice (""), or '
                "remove it."
            )
    return message + " " + gettext("The rest of the file is read as if it were not there.")


def _cell_faults(row, headers, cells, delimiter):
    """A row with more or fewer cells than the header, or with a NUL in a cell, as
    (row, column, message). Empty cells after the last header are a stray delimiter."""
    faults = []
    named = len(headers)
    while named and not headers[named - 1].strip():
        named -= 1
    extra = next(
        (i for i in range(len(headers), len(cells)) if cells[i].strip()),
        None,
    )
    if extra is not None:
        faults.append(
            (
                row,
                _column_label(headers, extra),
                gettext(
                    "This row has %(cells)s cells but the header has %(width)s: column "
                    "%(letter)s has something in it and no header. A cell may hold %(delimiter)s "
                    "that should be inside quotes."
                )
                % {
                    "cells": _last_filled(cells),
                    "width": len(headers),
                    "letter": column_letter(extra),
                    "delimiter": _one_delimiter(delimiter),
                },
            )
        )
    elif len(cells) < named:
        faults.append(
            (
                row,
                _column_label(headers, len(cells)),
                gettext(
                    "This row has %(cells)s cells but the header has %(width)s, so its values "
                    "may be in the wrong columns. A separator may be missing, or the row cut "
                    "short."
                )
                % {"cells": len(cells), "width": named},
            )
        )
    for index, cell in enumerate(cells):
        if "\x00" in cell:
            faults.append(
                (
                    row,
                    _column_label(headers, index),
                    _nul_message(),
                )
            )
    return faults


def _nul_message():
    return gettext(
        "This cell holds a NUL character (a zero byte), which has no place in text: the file "
        "may be damaged, or saved in another format. Remove it and upload the file again."
    )


def _one_delimiter(delimiter):
    return {
        ",": gettext("a comma"),
        ";": gettext("a semicolon"),
        "\t": gettext("a tab"),
        "|": gettext("a vertical bar"),
    }.get(delimiter, delimiter)


def _last_filled(cells):
    return max((i + 1 for i, c in enumerate(cells) if c.strip()), default=0)


def column_letter(index):
    """A column's letters as a spreadsheet shows them: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_label(headers, index):
    if index < len(headers) and headers[index].strip():
        return headers[index].strip()
    return gettext("Column %(letter)s") % {"letter": column_letter(index)}


def _read_xlsx(data, sheet):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(gettext("The Excel file is damaged and cannot be opened.")) from exc
    if unzipped > MAX_XLSX_UNZIPPED_BYTES or unzipped > MAX_XLSX_RATIO * max(len(data), 1):
        raise ImportFileError(
            gettext(
                "The Excel file expands to far more data than it holds; we will not open it. "
                "Save it again from Excel, or as CSV."
            )
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise ImportFileError(gettext("The file is a zip archive, not an Excel workbook."))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ImportFileError(gettext("The Excel file is damaged and cannot be opened.")) from exc
    if sheet:
        if sheet not in workbook.sheetnames:
            names = ", ".join(f"'{n}'" for n in workbook.sheetnames)
            raise ImportFileError(
                gettext("There is no sheet called '%(sheet)s'. The sheets are %(names)s.")
                % {"sheet": sheet, "names": names}
            )
        worksheet = workbook[sheet]
    else:
        worksheet = workbook.worksheets[0]
    rows_iter = worksheet.iter_rows(values_only=True)
    headers = [_cell_text(c) for c in next(rows_iter, ())]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    width = len(headers)
    for line, values in enumerate(rows_iter, start=2):
        cells = [_xlsx_cell(v) for v in values]
        filled = [i for i, c in enumerate(cells) if c not in ("", None) and str(c).strip()]
        if filled:
            # Values right of the last header are kept: they become a column with no
            # header, which the column step names, rather than being dropped unseen.
            width = max(width, filled[-1] + 1)
            rows.append((line, cells[: filled[-1] + 1]))
    workbook.close()
    headers += [""] * (width - len(headers))
    return Table(headers=headers, rows=rows, file_format="xlsx", sheet=worksheet.title)


def _cell_text(value):
    return "" if value is None else str(value).strip()


def _xlsx_cell(value):
    """Dates stay dates (a real date cell is unambiguous); everything else becomes text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
