"""python manage.py import_legacy <resource> <file> [--dry-run] [--sheet NAME] [--encoding ENC]
    [--map "Header=field" ...] [--mapping NAME]

Exit status (docs/importing.md says the same):
0 imported, or a dry run that found no problems;
1 rows refused, nothing written;
2 usage or file errors (no such file, unreadable, columns not chosen), nothing written;
3 another import of the same records was running, nothing written;
4 the database failed, nothing written.
"""

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from importers.columns import find_column
from importers.engine import run_import
from importers.models import ColumnMapping
from importers.resources import RESOURCES

EXIT_IMPORTED = 0
EXIT_ROWS_REFUSED = 1
EXIT_FILE = 2
EXIT_BUSY = 3
EXIT_DATABASE = 4


class Command(BaseCommand):
    help = "Load a legacy spreadsheet or CSV. Nothing is written unless every row is good."

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=sorted(RESOURCES))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")
        parser.add_argument("--sheet", help="Excel sheet to read (default: the first).")
        parser.add_argument("--encoding", help="CSV encoding, if detection gets it wrong.")
        parser.add_argument("--errors-to", metavar="PATH", help="Write the error report as CSV.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help=(
                "Import the column headed HEADER into FIELD (its name or label); 'HEADER=' "
                "leaves the column out. Repeat for each column to choose."
            ),
        )
        parser.add_argument(
            "--mapping",
            metavar="NAME",
            help="Use the column choices saved under NAME in the admin.",
        )

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            # Usage and file problems exit 2 with the message, and no traceback.
            self.stderr.write(f"Error: {exc}")
            sys.exit(EXIT_FILE)
        except DatabaseError as exc:
            # The database stopped answering part way: the write is one transaction, so
            # nothing was written. Say so in words; the details go to the log.
            self.stderr.write(
                "Error: the database failed, so nothing was written "
                f"({type(exc).__name__}). Try again; if it happens again, check the database."
            )
            sys.exit(EXIT_DATABASE)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        mapping = self.chosen_columns(options["resource"], options["mapping"], options["map"])
        data = path.read_bytes()
        progress = self.progress_bar() if sys.stderr.isatty() else None
        report = run_import(
            options["resource"],
            data,
            path.name,
            dry_run=options["dry_run"],
            sheet=options["sheet"],
            encoding=options["encoding"],
            via="command line",
            progress=progress,
            mapping=mapping,
        )
        if progress:
            self.stderr.write("")
        self.print_summary(report)
        if options["errors_to"]:
            self.write_errors(report, options["errors_to"])
        status = self.exit_status(report)
        if status != EXIT_IMPORTED:
            sys.exit(status)

    def exit_status(self, report):
        if report.stopped == "busy":
            return EXIT_BUSY
        if report.stopped == "database":
            return EXIT_DATABASE
        if report.file_errors and not report.rows:
            return EXIT_FILE
        if not report.ok:
            return EXIT_ROWS_REFUSED
        return EXIT_IMPORTED

    def chosen_columns(self, resource_name, saved_name, choices):
        """{header: field} from a saved mapping and --map (which wins), or None for neither."""
        resource = RESOURCES[resource_name]
        mapping = None
        if saved_name:
            saved = ColumnMapping.objects.filter(resource=resource_name, name=saved_name).first()
            if saved is None:
                names = ColumnMapping.objects.filter(resource=resource_name)
                known = ", ".join(f"'{n}'" for n in names.values_list("name", flat=True))
                raise CommandError(
                    f"No column mapping called '{saved_name}' is saved for {resource_name}. "
                    + (f"Saved: {known}." if known else "None is saved yet.")
                )
            mapping = dict(saved.mapping)
        for choice in choices:
            header, equals, name = choice.rpartition("=")
            if not equals or not header.strip():
                raise CommandError(
                    f"--map '{choice}' is not HEADER=FIELD (for example 'Tel No=phone')."
                )
            column = find_column(resource.columns, name) if name.strip() else None
            if name.strip() and column is None:
                fields = ", ".join(c.field for c in resource.columns)
                raise CommandError(
                    f"--map '{choice}': {resource_name} has no field '{name.strip()}'. "
                    f"Its fields: {fields}."
                )
            mapping = {**(mapping or {}), header.strip(): column.field if column else ""}
        return mapping

    def progress_bar(self):
        def show(row_number, _width=40):
            if row_number % 250 == 0:
                self.stderr.write(f"\r{row_number:>9,} rows read", ending="")
                self.stderr.flush()

        return show

    def print_summary(self, report):
        out = self.stdout
        out.write(f"{report.file_name}: {report.file_description or 'not read'}")
        labels = {c.field: c.header for c in RESOURCES[report.resource].columns}
        guessed = [c for c in report.columns if c.field and c.how == "words"]
        if guessed:
            out.write(
                "Columns matched by their words (check them): "
                + ", ".join(f"'{c.header}' as {labels[c.field]}" for c in guessed)
            )
        if report.unknown_columns:
            notes = {c.header: c.note for c in report.columns if c.note}
            out.write(
                "Columns not imported: "
                + ", ".join(
                    f"{h} ({notes[h]})" if notes.get(h) else h for h in report.unknown_columns
                )
            )
            out.write("Use --map 'Header=field' to import them.")
        counts = report.counts
        rate = len(report.rows) / report.seconds if report.seconds else 0
        out.write(
            f"new {counts['new']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
            f"errors {counts['error']} in {report.seconds:.1f} s ({rate:,.0f} rows a second)"
        )
        for line, column, message in report.error_list()[:50]:
            where = f"Line {line}" if line else "File"
            out.write(f"{where}{', ' + column if column else ''}: {message}")
        if report.column_errors:
            out.write("Choose columns with --map 'Header=field' (or --mapping NAME).")
        if len(report.error_list()) > 50:
            out.write(f"... and {len(report.error_list()) - 50} more (use --errors-to).")
        if report.written:
            out.write(
                f"Written in {report.write_seconds:.1f} s, the longest the database was held "
                "for writing (residents signing up wait at most that long)."
            )
            out.write(self.style.SUCCESS("Imported."))
        elif report.ok:
            out.write("Dry run: nothing written.")
        else:
            out.write(self.style.ERROR("Nothing was written."))

    def write_errors(self, report, path):
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["line", "column", "problem"])
            writer.writerows(report.error_list())
