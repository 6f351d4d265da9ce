"""The one import path that the admin and ``import_legacy`` share.

read the file → match its headers → check across rows → let the resource import every row
inside one transaction → report. Any error anywhere means the transaction is rolled back:
nothing is written, and every problem is listed with its line, column and a plain message.
"""

import hashlib
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

import tablib
from import_export.results import RowResult

from . import fingerprints
from .columns import match_headers
from .fingerprints import fingerprint
from .models import ImportRun
from .reading import ImportFileError, read_table
from .resources import get_resource_class

STATUS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "error",
    RowResult.IMPORT_TYPE_ERROR: "error",
}


@dataclass
class RowReport:
    line: int
    status: str
    reference: str = ""
    name: str = ""
    changes: list = field(default_factory=list)  # (column, before, after)
    errors: list = field(default_factory=list)  # (column, message)


@dataclass
class ImportReport:
    resource: str
    file_name: str
    file_size: int
    file_sha256: str
    dry_run: bool
    file_description: str = ""
    unknown_columns: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    seconds: float = 0.0
    written: bool = False

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

    def as_json(self):
        return {
            "file_description": self.file_description,
            "unknown_columns": self.unknown_columns,
            "errors": [list(e) for e in self.error_list()],
            "counts": self.counts,
        }


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
):
    """Import ``data`` (bytes) as ``resource_name``; record the run; return an ImportReport."""
    started = time.perf_counter()
    report = ImportReport(
        resource=resource_name,
        file_name=file_name,
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        dry_run=dry_run,
    )
    resource = get_resource_class(resource_name)(progress=progress, user=user)
    try:
        table = read_table(data, file_name, sheet=sheet, encoding=encoding)
    except ImportFileError as exc:
        report.file_errors.append(str(exc))
        return _finish(report, started, user, via, run)
    report.file_description = table.description
    match = match_headers(table.headers, resource.columns)
    report.unknown_columns = match.unknown
    report.file_errors.extend(match.errors)
    report.file_errors.extend(resource.check_columns(set(match.positions)))
    if report.file_errors:
        return _finish(report, started, user, via, run)

    matched = _matched(resource, match)
    typed = {c.field: table.headers[i].strip() for c, i in matched}
    headers = [c.header for c, _ in matched]
    positions = [i for _, i in matched]
    dataset = tablib.Dataset(headers=headers)
    lines = []
    for line, cells in table.rows:
        padded = list(cells) + [""] * (len(table.headers) - len(cells))
        dataset.append([padded[i] for i in positions])
        lines.append(line)
    if run is not None:
        ImportRun.objects.filter(pk=run.pk).update(total_rows=len(lines))

    row_dicts = [
        dict(zip(headers, r, strict=True), __line__=line)
        for r, line in zip(dataset, lines, strict=True)
    ]
    key = resource.key_field()
    early = _duplicate_references(resource, row_dicts)
    for index, problems in resource.check_rows(row_dicts).items():
        early.setdefault(index, []).extend(problems)

    references = [_reference(key, row) for row in row_dicts]
    prints = [fingerprint(headers, cells) for cells in dataset]
    skip = {}
    if not early:
        model = resource._meta.model
        skip = fingerprints.unchanged(
            resource_name, model, list(zip(references, prints, strict=True))
        )
    del row_dicts, table  # large files: keep one copy of the cells, not three
    to_import = [i for i in range(len(lines)) if i not in skip]
    if skip:
        work = tablib.Dataset(*(dataset[i] for i in to_import), headers=headers)
        del dataset
    else:
        work = dataset

    resource.validate_only = bool(early)
    with transaction.atomic():
        result = resource.import_data(
            work,
            dry_run=dry_run or bool(early),
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
        results = dict(zip(to_import, result.rows, strict=True))
        position = {index: n for n, index in enumerate(to_import, start=1)}
        column_of = {c.field: typed.get(c.field, c.header) for c in resource.columns}
        for index, line in enumerate(lines):
            row_result = results.get(index)
            row = RowReport(
                line=line, status="unchanged", reference=references[index], name=skip.get(index, "")
            )
            if row_result is not None:
                row.status = STATUS.get(row_result.import_type, "error")
                row.name = row_result.object_repr or ""
                row.changes = (
                    resource.changes.get(position[index], []) if row.status == "updated" else []
                )
                if row_result.validation_error is not None:
                    for field_name, messages in row_result.validation_error.message_dict.items():
                        for message in messages:
                            row.errors.append((column_of.get(field_name, field_name), message))
                for error in row_result.errors:
                    row.errors.append(("", f"This row could not be saved: {error.error}"))
            for field_name, message in early.get(index, []):
                row.errors.append((column_of.get(field_name, field_name), message))
            if row.errors:
                row.status = "error"
            report.rows.append(row)
        for error in result.base_errors:
            report.file_errors.append(
                f"Saving to the database failed, so nothing was written: {error.error}"
            )
        if not dry_run and report.ok:
            fingerprints.remember(
                resource_name,
                resource.reference_ids,
                list(zip(references, prints, strict=True)),
                {row.reference: row.name for row in report.rows},
            )
    # import-export's transaction has already rolled back on any row or batch error.
    report.written = not dry_run and report.ok
    return _finish(report, started, user, via, run)


def _matched(resource, match):
    return [(c, match.positions[c.field]) for c in resource.columns if c.field in match.positions]


def _reference(key, row):
    try:
        return key.clean(row)
    except ValueError:
        return ""


def _duplicate_references(resource, rows):
    """The same reference twice in one file is an error on both lines."""
    key = resource.key_field()
    first = {}
    problems = {}
    for index, row in enumerate(rows):
        try:
            reference = key.clean(row)
        except ValueError:
            continue
        if not reference:
            continue
        if reference in first:
            other_index = first[reference]
            problems.setdefault(index, []).append(
                (
                    key.attribute,
                    f"Reference {reference} is also on line {rows[other_index]['__line__']}.",
                )
            )
            problems.setdefault(other_index, []).append(
                (key.attribute, f"Reference {reference} is also on line {row['__line__']}.")
            )
        else:
            first[reference] = index
    return problems


def _finish(report, started, user, via, run):
    report.seconds = time.perf_counter() - started
    if report.written:
        outcome = ImportRun.Outcome.IMPORTED
    elif not report.ok:
        outcome = ImportRun.Outcome.REFUSED
    else:
        outcome = ImportRun.Outcome.PREVIEWED
    fields = {
        "resource": report.resource,
        "user": user if getattr(user, "pk", None) else None,
        "via": via,
        "file_name": report.file_name[:255],
        "file_size": report.file_size,
        "file_sha256": report.file_sha256,
        "file_description": report.file_description,
        "dry_run": report.dry_run,
        "outcome": outcome,
        "finished_at": timezone.now(),
        "total_rows": len(report.rows),
        "rows_done": len(report.rows),
        "seconds": round(report.seconds, 3),
        "report": report.as_json(),
        **{key if key != "error" else "errors": value for key, value in report.counts.items()},
    }
    if run is None:
        report.run = ImportRun.objects.create(**fields)
    else:
        ImportRun.objects.filter(pk=run.pk).update(**fields)
        report.run = run
    return report
