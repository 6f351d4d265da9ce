"""The shape every dashboard table shares, so one view draws it, charts it and sends it as CSV.

A :class:`Section` is one part of the dashboard (the figures, representativeness,
satisfaction): a title, the template that renders it, its context, and its tables. Every
:class:`Table` is shown as an accessible HTML table; a chart, where there is one, is drawn
from the same rows (never the only place a figure appears), and ``slug`` names its CSV
download. Cells are final: small numbers are already protected before a table is built.
"""

from dataclasses import dataclass, field


@dataclass
class Table:
    slug: str  # unique on the dashboard; names the CSV download
    caption: str
    headers: list
    rows: list  # lists of cells: str, int, Decimal or None, already protected
    chart: str = ""  # "bar", "line" or "" for none
    notes: list = field(default_factory=list)  # plain sentences shown under the table


@dataclass
class Section:
    slug: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    tables: list = field(default_factory=list)
