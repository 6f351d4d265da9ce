"""The one import path that the admin and ``import_legacy`` share.

read the file → match its headers to fields (as the officer or a saved mapping chose, else
by their meaning) → check across rows → let the resource check and prepare every row, with
no transaction and no writes → write everything prepared in one short transaction, with
the run's record (importers/writing.py) → report. Any error anywhere means nothing is
written, and every problem is listed with its line, column and a plain message.

Resources whose rows are checked against the rows saved before them (panels, meetings,
grants, pages: ``use_bulk = False``) still check and write in one transaction; their dry
runs check each row with reads alone, in no transaction.

A real import (not a dry run) holds its resource's lock (importers/locks.py) from start to
end: a second import of the same records is refused at once.
"""

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

import tablib
from import_export.results import RowResult

from involvement_pages import page_cache

from . import fingerprints, writing
from .columns import choices_by_header, match_headers
from .fingerprints import fingerprint
from .locks import ImportRunning, one_import
from .models import ColumnMapping, ImportRun
from .pending import file_digest
from .reading import ImportFileError, read_table
from .resources import get_resource_class

logger = logging.getLogger(__name__)

# The preview table keeps this many rows; its counts and error list always cover the whole file.
PREVIEW_ROWS = 10_000
# Seconds between the write and the fingerprints' own transaction (see _remember_apart).
WAITING_TURN = 0.25
# The column step shows this many values of each column, each cut to this length.
SAMPLE_ROWS, SAMPLE_LENGTH = 3, 60

STATUS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "error",
    RowResult.IMPORT_TYPE_ERROR: "error",
}


@dataclass(slots=True)
class RowReport:
    line: int
    status: str
    reference: str = ""
    name: str = ""
    changes: tuple | list = ()  # (column, before, after)
    errors: tuple | list = ()  # (column, message)


@dataclass
class ImportReport:
    resource: str
    file_name: str
    file_size: int
    file_sha256: str
    dry_run: bool
    file_description: str = ""
    unknown_columns: list = field(default_factory=list)
    columns: list = field(default_factory=list)  # a ColumnMatch for every column of the file
    column_errors: list = field(default_factory=list)  # the officer fixes these by choosing
    saved_mapping: str = ""  # the name of the saved mapping the columns were chosen by
    samples: list = field(default_factory=list)  # each column's first values, for the preview
    rows_in_file: int = 0  # counted even when the columns stop the rows being checked
    file_errors: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    seconds: float = 0.0
    written: bool = False
    keep_samples: bool = False
    #: Why nothing was written when it was not the rows: "busy" (another import of the
    #: same records was running) or "database" (the database failed the write).
    stopped: str = ""
    #: The longest the import held a transaction that writes, in seconds.
    write_seconds: float = 0.0

    def count(self, status):
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self):
        return {s: self.count(s) for s in ("new", "updated", "unchanged", "error")}

    @property
    def ok(self):
        return not self.file_errors and not self.count("error")

    @property
    def error_rows(self):
        return [r for r in self.rows if r.errors]

    def error_list(self):
        """Every problem as (line, column, message), file-level ones first with no line."""
        listed = [("", "", message) for message in self.file_errors]
        for row in self.error_rows:
            listed.extend((row.line, column, message) for column, message in row.errors)
        return listed

    def preview_rows(self):
        """Every row's outcome, compactly, for the preview table: [line, status, reference,
        name, [[column, before, after]], [[column, message]]]."""
        return [
            [
                row.line,
                row.status,
                str(row.reference),
                str(row.name),
                [[str(c), str(before), str(after)] for c, before, after in row.changes],
                [[str(c), str(message)] for c, message in row.errors],
            ]
            for row in self.rows[:PREVIEW_ROWS]
        ]

    def mapping(self):
        """The field each column filled, by position ("" for not imported)."""
        return [column.field for column in self.columns]

    def columns_json(self):
        return [
            {
                "header": c.header,
                "field": c.field,
                "how": c.how,
                "also": c.also,
                "note": c.note,
                "error": c.error,
                "empty": c.empty,
            }
            for c in self.columns
        ]

    def as_json(self, samples=None):
        """What the run keeps. Each column's first values are kept only for a preview
        (``keep_samples``): they are residents' details."""
        summary = {
            "file_description": self.file_description,
            "unknown_columns": self.unknown_columns,
            "columns": self.columns_json(),
            "column_errors": self.column_errors,
            "saved_mapping": self.saved_mapping,
            "rows_in_file": self.rows_in_file,
            "errors": [list(e) for e in self.error_list()],
            "counts": self.counts,
        }
        if self.keep_samples if samples is None else samples:
            summary["samples"] = self.samples
        return summary


def run_import(
    resource_name,
    data,
    file_name,
    *,
    dry_run,
    user=None,
    sheet=None,
    encoding=None,
    via="admin",
    progress=None,
    run=None,
    keep_preview=False,
    mapping=None,
    use_saved_mapping=False,
):
    """Import ``data`` (bytes) as ``resource_name``; record the run; return an ImportReport.

    An admin upload passes its ``run``, which already knows the file's SHA-256; the command
    line passes none and a run is recorded here. ``keep_preview`` keeps every row's outcome
    and the first values of each column on the run for the admin's preview page.

    ``mapping`` says which field each column fills: a list by position (the officer's
    choices, one for every column) or {header: field} for some of them (a saved mapping,
    ``--map``); "" means not imported. Other columns are matched by their headers. With
    ``use_saved_mapping`` and no ``mapping``, the newest mapping saved for files with these
    headers is used."""
    started = time.perf_counter()
    since = timezone.now()
    if run is None:
        run = ImportRun(resource=resource_name, user=user if getattr(user, "pk", None) else None)
        run.via, run.file_sha256 = via, file_digest(data)
    report = ImportReport(
        resource=resource_name,
        file_name=file_name,
        file_size=len(data),
        file_sha256=run.file_sha256,
        dry_run=dry_run,
    )
    resource = get_resource_class(resource_name)(progress=progress, user=user)
    job = {
        "started": started,
        "since": since,
        "keep_preview": keep_preview,
        "mapping": mapping,
        "use_saved_mapping": use_saved_mapping,
        "sheet": sheet,
        "encoding": encoding,
    }
    if dry_run:
        return _check_and_write(report, run, resource, data, **job)
    try:
        with one_import(resource_name, user):
            return _check_and_write(report, run, resource, data, **job)
    except ImportRunning as exc:
        report.stopped = "busy"
        report.file_errors.append(str(exc))
        return _finish(report, run, started, keep_preview)


def _check_and_write(
    report,
    run,
    resource,
    data,
    *,
    started,
    since,
    keep_preview,
    mapping,
    use_saved_mapping,
    sheet,
    encoding,
):
    resource_name = report.resource
    dry_run = report.dry_run
    try:
        table = read_table(data, report.file_name, sheet=sheet, encoding=encoding)
    except ImportFileError as exc:
        report.file_errors.append(str(exc))
        return _finish(report, run, started, keep_preview)
    report.file_description = table.description
    match = _match_columns(report, resource, table, mapping, use_saved_mapping)
    report.column_errors.extend(resource.check_columns(set(match.positions)))
    report.file_errors.extend(report.column_errors)
    if report.file_errors:
        # The rows cannot be checked until the columns are chosen; what could not be read
        # in them is listed already, so the officer sees every fault the file has.
        report.rows.extend(_fault_rows(table.faults))
        return _finish(report, run, started, keep_preview)

    matched = _matched(resource, match)
    typed = {c.field: table.headers[i].strip() for c, i in matched}
    headers = [c.header for c, _ in matched]
    positions = [i for _, i in matched]
    width = len(table.headers)
    dataset = _Cells(headers, [])
    lines = []
    for line, cells in table.rows:
        padded = list(cells) + [""] * (width - len(cells))
        dataset.rows.append([padded[i] for i in positions])
        lines.append(line)
    faults = table.faults
    del table  # large files: keep one copy of the cells, not two
    if run.pk is not None:
        run.count_rows(len(lines))

    rows = _RowsByHeader(headers, dataset, lines)
    key = resource.key_field()
    references = [_reference(key, cell) for cell in dataset.get_col(headers.index(key.column_name))]
    early = _duplicate_references(key, references, lines)
    for index, problems in resource.check_rows(rows).items():
        early.setdefault(index, []).extend(problems)
    for index, problems in _faults_by_index(faults, lines).items():
        early.setdefault(index, []).extend(problems)

    prints = [fingerprint(headers, cells) for cells in dataset]
    skip = {}
    if not early:
        model = resource._meta.model
        skip = fingerprints.unchanged(
            resource_name, model, list(zip(references, prints, strict=True))
        )
    if skip:
        work = _Cells(headers, [cells for index, cells in enumerate(dataset) if index not in skip])
    else:
        work = dataset
    if not resource._meta.use_bulk:
        work = tablib.Dataset(*work, headers=headers)  # import-export reads its own kind
    # The instance loader finds the records of these, read once above.
    resource.file_references = [r for i, r in enumerate(references) if r and i not in skip]
    del rows, dataset

    column_of = {c.field: typed.get(c.field, c.header) for c in resource.columns}
    if not resource._meta.use_bulk and (dry_run or early):
        # Each row checked, nothing written, outside any transaction: on SQLite a preview
        # never holds the write lock residents wait for. Rows are checked against what is
        # saved, not against the rows before them in the file (those are not saved); the
        # import itself checks each row again after the ones before it, and refuses the
        # whole file if any is wrong.
        resource.validate_only = True
        result = resource.import_data(work, dry_run=False, use_transactions=False)
        del work
        _report_rows(report, resource, result, lines, references, skip, early, column_of)
        return _finish(report, run, started, keep_preview)
    resource.validate_only = bool(early)
    if not resource._meta.use_bulk:
        with transaction.atomic():
            result = resource.import_data(
                work, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
            )
            del work
            _report_rows(report, resource, result, lines, references, skip, early, column_of)
            if report.ok:
                fingerprints.remember(
                    resource_name,
                    resource.reference_ids,
                    list(zip(references, prints, strict=True)),
                    {row.reference: row.name for row in report.rows},
                )
        # import-export's transaction has already rolled back on any row or batch error.
        report.written = report.ok
        if report.written:
            page_cache.pages.changed()  # public pages may show what was loaded
        return _finish(report, run, started, keep_preview)

    # Check and prepare every row with no transaction: nothing is written, so residents
    # can sign up meanwhile (on SQLite a transaction would hold the one write lock).
    result = resource.prepare(work)
    del work
    by_row = _report_rows(report, resource, result, lines, references, skip, early, column_of)
    if report.ok:
        # Not an attribute on each record: one more would double what each holds in memory
        # (its attributes no longer fit the dictionary Python shares between instances).
        resource.line_of = lambda instance: by_row[instance._import_row].line
        problems = writing.clashes(
            resource._meta.model,
            writing.prepared(resource),
            fields=writing.checked_fields(resource),
            line_of=resource.line_of,
        )
        if problems:
            # Residents who joined since the check began are the file's rows, not clashes
            # (the write matches them again, under its lock).
            for instance, _holder in resource.joined_meanwhile(resource.prepared_new, since):
                problems.pop(id(instance), None)
        _add_problems(report, by_row, resource, column_of, problems)
    if dry_run or not report.ok:
        return _finish(report, run, started, keep_preview)

    def remember():
        fingerprints.remember(
            resource_name,
            resource.reference_ids,
            list(zip(references, prints, strict=True)),
            {row.reference: row.name for row in report.rows},
        )

    # Where the reference is on the record itself, the fingerprints only save checking an
    # unchanged row again: they are written in a second short transaction, so residents
    # wait for two short writes rather than one longer one. Elsewhere they say which record
    # a reference is, and are written with the records.
    remember_later = resource.reference_on_model()

    def record(adopted):
        for instance, _holder, changes in adopted:
            row = by_row[instance._import_row]
            row.status, row.changes = "updated", changes
        if not remember_later:
            remember()
        page_cache.pages.changed()
        report.written = True
        _finish(report, run, started, keep_preview, retry=False)

    new_run = run.pk is None
    try:
        writing.write(resource, since=since, record=record)
    except writing.Refused as exc:
        report.written = False
        _add_problems(report, by_row, resource, column_of, exc.problems)
    except writing.DatabaseFailed as exc:
        report.written = False
        report.stopped = "database"
        report.file_errors.append(str(exc))
    else:
        report.write_seconds = resource.write_seconds
        if remember_later:
            report.write_seconds = max(report.write_seconds, _remember_apart(remember))
        return report
    report.write_seconds = getattr(resource, "write_seconds", 0.0)
    if new_run:
        run.pk = None  # its record was written in the transaction rolled back: write it anew
    return _finish(report, run, started, keep_preview)


def _remember_apart(remember):
    """Write the fingerprints in their own transaction; return how long it held the lock.
    Should it fail, the import stands: the next one checks those rows again.

    On SQLite, residents who waited for the write retry for the lock every tenth of a
    second or so; taking it again at once would make them wait for this write too."""
    if connection.vendor == "sqlite":
        time.sleep(WAITING_TURN)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            remember()
    except DatabaseError:
        logger.exception("The import's fingerprints were not saved")
    return time.perf_counter() - started


def _report_rows(report, resource, result, lines, references, skip, early, column_of):
    """Each row's outcome on the report, in file order; returns {import-export's row
    number: RowReport} for the rows it was given."""
    by_row = {}
    outcomes = iter(result.rows)  # one for each row not skipped, in file order
    row_number = 0  # import-export's count of the rows it was given
    for index, line in enumerate(lines):
        if index in skip:
            report.rows.append(RowReport(line, "unchanged", references[index], skip[index]))
            continue
        row_number += 1
        outcome = next(outcomes)
        row = RowReport(line, STATUS.get(outcome.import_type, "error"), references[index])
        row.name = outcome.name
        if row.status == "updated":
            row.changes = resource.changes.get(row_number, ())
        errors = []
        if outcome.validation_error is not None:
            for field_name, messages in outcome.validation_error.message_dict.items():
                errors += [(_column(column_of, field_name), m) for m in messages]
        errors += [
            ("", gettext("This row could not be saved: %(error)s") % {"error": e.error})
            for e in outcome.errors
        ]
        errors += [(_column(column_of, f), message) for f, message in early.get(index, [])]
        if errors:
            row.status, row.errors = "error", errors
        report.rows.append(row)
        by_row[row_number] = row
    for error in result.base_errors:
        report.file_errors.append(
            gettext("Saving to the database failed, so nothing was written: %(error)s")
            % {"error": error.error}
        )
    return by_row


def _add_problems(report, by_row, resource, column_of, problems):
    """Uniqueness problems ({id(instance): [(field, message)]}) on their rows."""
    if not problems:
        return
    for instance in writing.prepared(resource):
        found = problems.get(id(instance))
        if not found:
            continue
        row = by_row[instance._import_row]
        row.status = "error"
        row.errors = [*row.errors, *((_column(column_of, f), m) for f, m in found)]


def _column(column_of, field_name):
    """The column a problem is reported in: the file's header for a field; a rule on the
    whole record (the model's own checks across its fields) is the row's, said so."""
    if field_name == NON_FIELD_ERRORS:
        return gettext("Whole row")
    return column_of.get(field_name, field_name)


def _match_columns(report, resource, table, mapping, use_saved_mapping):
    """Match the file's columns to fields, note them on the report with each column's first
    values, and return the HeaderMatch."""
    headers = table.headers
    chosen, problems = {}, []
    if mapping is None and use_saved_mapping:
        saved = ColumnMapping.for_headers(report.resource, headers)
        if saved is not None:
            mapping, report.saved_mapping = saved.mapping, saved.name
    if isinstance(mapping, dict):
        chosen, missing = choices_by_header(headers, mapping)
        problems += [
            gettext("The file has no column headed '%(header)s'. Its columns are %(headers)s.")
            % {"header": header, "headers": ", ".join(f"'{h}'" for h in headers if h.strip())}
            for header in missing
        ]
    elif mapping is not None:
        if len(mapping) != len(headers):
            problems.append(gettext("The columns chosen are not the file's columns."))
        chosen = dict(enumerate(mapping[: len(headers)]))
    match = match_headers(
        headers,
        resource.columns,
        chosen=chosen,
        key_field=resource.key,
        record_words=resource.record_words,
    )
    first = [cells for _, cells in table.rows[:SAMPLE_ROWS]]
    report.samples = [
        [_cell(cells, i)[:SAMPLE_LENGTH] for cells in first] for i in range(len(headers))
    ]
    for column in match.columns:
        if column.header:
            continue
        # A column with no header and nothing in it is a stray delimiter, not data;
        # one with no header but values is named, so it is never dropped unseen.
        column.empty = not any(_cell(cells, column.index).strip() for _, cells in table.rows)
        if not column.empty and not column.field:
            match.unknown.append(column.name)
    report.columns = match.columns
    report.rows_in_file = len(table.rows)
    report.unknown_columns = match.unknown
    report.column_errors = problems + match.errors
    return match


def _cell(cells, index):
    value = cells[index] if index < len(cells) else ""
    return "" if value is None else str(value)


class _Cells:
    """The file's rows, each a list of cells under ``headers``: what the engine, ``prepare``
    and the instance loader read of a tablib Dataset, without the Row object and list of
    tags tablib keeps for every row (11 MB for 100,000 rows)."""

    def __init__(self, headers, rows):
        self.headers, self.rows = headers, rows

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def get_col(self, index):
        return [cells[index] for cells in self.rows]


class _RowsByHeader(Sequence):
    """The file's rows as {header: cell, "__line__": line}, each made when it is read:
    a dict for every row of a 100,000-row file at once would double its memory."""

    def __init__(self, headers, dataset, lines):
        self.headers, self.dataset, self.lines = headers, dataset, lines

    def __len__(self):
        return len(self.lines)

    def __getitem__(self, index):
        return dict(zip(self.headers, self.dataset[index], strict=True), __line__=self.lines[index])


def _matched(resource, match):
    return [(c, match.positions[c.field]) for c in resource.columns if c.field in match.positions]


def _fault_rows(faults):
    """A row report for each row with cells that could not be read as they stand."""
    by_line = {}
    for line, column, message in faults:
        by_line.setdefault(line, []).append((column, message))
    return [RowReport(line, "error", errors=errors) for line, errors in by_line.items()]


def _faults_by_index(faults, lines):
    """The reader's faults as {row index: [(column, message)]}, like the cross-row checks'."""
    if not faults:
        return {}
    index_of = {line: index for index, line in enumerate(lines)}
    found = {}
    for line, column, message in faults:
        found.setdefault(index_of[line], []).append((column, message))
    return found


def _reference(key, cell):
    try:
        return key.widget.clean(cell)
    except ValueError:
        return ""


def _duplicate_references(key, references, lines):
    """The same reference twice in one file is an error on both lines."""
    first = {}
    problems = {}
    for index, reference in enumerate(references):
        if not reference:
            continue
        if reference in first:
            other = first[reference]
            problems.setdefault(index, []).append(
                (key.attribute, _also_on_line(reference, lines[other]))
            )
            problems.setdefault(other, []).append(
                (key.attribute, _also_on_line(reference, lines[index]))
            )
        else:
            first[reference] = index
    return problems


def _also_on_line(reference, line):
    return gettext("Reference %(reference)s is also on line %(line)s.") % {
        "reference": reference,
        "line": line,
    }


def _finish(report, run, started, keep_preview, *, retry=True):
    """Record the run. Outside the write (a refusal, a dry run) a database busy for a moment
    is waited for, a few times, rather than leave no record of the run."""
    report.seconds = time.perf_counter() - started
    report.keep_samples = keep_preview
    preview_rows = report.preview_rows() if keep_preview else None
    for attempt in range(RECORD_ATTEMPTS if retry else 1):
        try:
            run.finish(report, preview_rows=preview_rows)
            break
        except OperationalError:
            if not retry or attempt == RECORD_ATTEMPTS - 1 or transaction.get_autocommit() is False:
                raise
            time.sleep(0.5 * (attempt + 1))
    report.run = run
    return report


RECORD_ATTEMPTS = 4
