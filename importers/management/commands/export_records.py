"""python manage.py export_records <resource> <file.csv|file.xlsx>

Writes every record of a resource in its import columns; the file imports back unchanged.
Equality answers are never in these exports.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importers.exporting import FORMATS, export_resource
from importers.resources import RESOURCES


class Command(BaseCommand):
    help = "Export a resource to CSV or XLSX, in the columns import_legacy reads."

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=sorted(RESOURCES))
        parser.add_argument("file", help="Where to write: a .csv or .xlsx file.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in FORMATS:
            raise CommandError("Name the file .csv or .xlsx.")
        data = export_resource(options["resource"], file_format)
        path.write_bytes(data)
        self.stdout.write(f"Wrote {path} ({len(data):,} bytes).")
