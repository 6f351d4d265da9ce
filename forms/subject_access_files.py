"""The subject access zip: a readable index.html, and each section as JSON and as CSV.

CSV cells go through the register's formula escaping, so a name typed as ``=HYPERLINK(...)``
stays text when the resident or an officer opens the file in a spreadsheet.
"""

import csv
import io
import json
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone

from involvement_pages.references import own_reference

from .spreadsheet import escape_formula
from .subject_access import SEPARATOR, plain

UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def person_reference(person):
    """Their legacy reference, or ``ID-<pk>`` like the register's download."""
    return person.legacy_reference or own_reference(person.pk)


def export_filename(person, today=None):
    reference = UNSAFE_IN_NAME.sub("-", person_reference(person)).strip("-") or own_reference(
        person.pk
    )
    today = today or timezone.localdate()
    return f"export-{reference}-{today.isoformat()}.zip"


def csv_cell(value):
    value = plain(value)
    if isinstance(value, list):
        value = SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, dict):
        value = SEPARATOR.join(
            f"{key}: {item}" for key, item in value.items() if item not in ("", None)
        )
    elif value is None:
        value = ""
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    return escape_formula(str(value))


def as_csv(rows):
    headers = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_formula(str(header)) for header in headers])
    for row in rows:
        writer.writerow([csv_cell(row.get(header)) for header in headers])
    return "\ufeff" + out.getvalue()  # a BOM, so Excel reads names like Siobhán correctly


def as_json(rows):
    return json.dumps([plain(row) for row in rows], ensure_ascii=False, indent=2)


def build_zip(person, sections, *, now=None):
    """The zip's bytes."""
    now = now or timezone.now()
    files = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in sections:
            entry = {"section": section, "files": []}
            if not section.note:
                for name, content in (
                    (f"{section.slug}.json", as_json(section.rows)),
                    (f"{section.slug}.csv", as_csv(section.rows)),
                ):
                    archive.writestr(name, content)
                    entry["files"].append(name)
            files.append(entry)
        index = render_to_string(
            "involvement_forms/subject_access/index.html",
            {
                "person": person,
                "reference": person_reference(person),
                "entries": files,
                "made_at": now,
            },
        )
        archive.writestr("index.html", index)
    return buffer.getvalue()
