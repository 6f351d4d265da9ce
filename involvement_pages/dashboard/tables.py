"""The shape every dashboard table shares, so one view draws it, charts it and sends it as CSV.

A :class:`Section` is one part of the dashboard (the figures, representativeness,
satisfaction): a title, the template that renders it, its context, and its tables. Every
:class:`Table` is shown as an accessible HTML table; a chart, where there is one, is drawn
from the same rows (never the only place a figure appears), and ``slug`` names its CSV
download. Cells are final: small numbers are already protected before a table is built.
"""

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse

from forms.spreadsheet import escape_formula


def cell_text(cell):
    """A cell as a spreadsheet holds it: text it would run as a formula is escaped."""
    return "" if cell is None else escape_formula(str(cell))


def csv_download(filename, rows):
    """``rows`` as a CSV file to download. It starts with the byte-order mark Excel needs to
    read it as UTF-8, so names such as Siobhán arrive whole."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv.writer(response).writerows(rows)
    return response


@dataclass
class Table:
    slug: str  # unique on the dashboard; names the CSV download
    caption: str
    headers: list
    rows: list  # lists of cells: str, int, Decimal or None, already protected
    chart: str = ""  # "bar", "line" or "" for none
    notes: list = field(default_factory=list)  # plain sentences shown under the table

    def spreadsheet_rows(self):
        """The headers, then each row, as a spreadsheet shows them and never runs them."""
        yield [cell_text(header) for header in self.headers]
        for row in self.rows:
            yield [cell_text(cell) for cell in row]


@dataclass
class Section:
    slug: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    tables: list = field(default_factory=list)
