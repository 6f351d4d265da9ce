"""Turning an uploaded legacy file into rows, whatever program wrote it.

CSV in UTF-8 (with or without a byte-order mark) or Windows-1252, with any of the
delimiters people use, or XLSX (first sheet or a named one). Every problem becomes an
``ImportFileError`` whose message a migrator can act on; nothing here touches the database.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext

from .conf import get as setting

DELIMITERS = ",;\t|"
ENCODINGS = ("utf-8-sig", "cp1252")
# An XLSX holding more than this once unzipped is refused: a zip bomb looks like a small file.
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
    if b"\x00" in data[:4096]:
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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader, [])
        rows = []
        for cells in reader:
            if any(c.strip() for c in cells):
                # line_num is the file line where this record ended; a quoted cell may span
                # several lines, and people look for the line the record starts on.
                start = reader.line_num - sum(c.count("\n") for c in cells)
                rows.append((start, cells))
    except csv.Error as exc:
        raise ImportFileError(
            gettext("Line %(line)d: the CSV cannot be read (%(error)s).")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    return Table(headers=headers, rows=rows, encoding=used, delimiter=delimiter)


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
    for line, values in enumerate(rows_iter, start=2):
        cells = [_xlsx_cell(v) for v in values[: len(headers)]]
        if any(c not in ("", None) and str(c).strip() for c in cells):
            rows.append((line, cells))
    workbook.close()
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
