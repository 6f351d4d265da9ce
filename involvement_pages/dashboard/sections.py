"""The dashboard's parts in order: its figures, then representativeness and satisfaction.

Each part is a :class:`Section`; the view renders them and the CSV download finds a table
in them by its slug, so a table is shown and downloaded from the same rows.

A section's template gives its words, rendered with the section's own context (and
``section``); the view then draws every table of every section the same way, with its
chart, notes and CSV link (``involvement_dashboard/admin/table.html``).
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .breakdowns import involved_breakdown, involved_count, people_by_area, people_by_level
from .figures import dashboard_figures, panel_meetings
from .representativeness import representativeness_section
from .satisfaction import satisfaction_section
from .tables import Section, Table


@dataclass
class Link:
    """A table cell that links to a list; a CSV gets its text."""

    text: str
    url: str

    def __str__(self):
        return str(self.text)


def shown(figure):
    """The figure's value as words: "not known" when there is none."""
    value = figure.value
    if value is None:
        return gettext("not known")
    if figure.unit == "pounds":
        return f"£{value:,.2f}"
    if figure.unit == "percent":
        return f"{number_format(value)}%"
    return number_format(value, force_grouping=True)


def target_shown(figure):
    if figure.target is None:
        return ""
    if figure.unit == "pounds":
        return f"£{figure.target:,.2f}"
    return number_format(figure.target, force_grouping=True)


def figures_table(figures):
    return Table(
        slug="figures",
        caption=gettext("Figures for the year"),
        headers=[gettext("Figure"), gettext("Value"), gettext("Target"), gettext("Notes")],
        rows=[
            [Link(figure.label, figure.url), shown(figure), target_shown(figure), notes(figure)]
            for figure in figures
        ],
    )


def notes(figure):
    return " ".join(str(note) for note in figure.notes)


def figures_section(year, landlord, today=None):
    today = today or timezone.localdate()
    meetings = panel_meetings(year, landlord, today)
    breakdown = involved_breakdown(year, landlord)
    figures = dashboard_figures(
        year, landlord, today=today, meetings=meetings, involved=involved_count(breakdown)
    )
    tables = [
        figures_table(figures),
        Table(
            slug="people-by-level",
            caption=gettext("People involved by level of the ladder"),
            headers=[gettext("Level"), gettext("People")],
            rows=[list(row) for row in people_by_level(year, landlord, breakdown)],
            chart="bar",
            notes=[gettext("Each person counts once, at the highest level they reached.")],
        ),
        Table(
            slug="people-by-area",
            caption=gettext("People involved by area"),
            headers=[gettext("Area"), gettext("People")],
            rows=[list(row) for row in people_by_area(year, landlord, breakdown)],
            chart="bar",
        ),
        Table(
            slug="panel-meetings",
            caption=gettext("Panel meetings held against the meetings promised so far"),
            headers=[gettext("Panel"), gettext("Meetings held"), gettext("Promised so far")],
            rows=[[panel.name, held, promised] for panel, held, promised in meetings],
            chart="bar",
            notes=[
                gettext(
                    "Promised so far is the panel's yearly target shared over the days of "
                    "the year gone by."
                )
            ],
        ),
    ]
    return Section(
        slug="figures",
        title=_("Involvement"),
        template="involvement_dashboard/admin/sections/figures.html",
        context={"figures": figures},
        tables=tables,
    )


def dashboard_sections(request, year, landlord=None):
    """[Section] for the dashboard of ``year`` and ``landlord`` (None: all landlords)."""
    found = [
        figures_section(year, landlord),
        representativeness_section(request, year, landlord),
        satisfaction_section(request, year, landlord),
    ]
    return [section for section in found if section is not None]


def find_table(sections, slug):
    for section in sections:
        for table in section.tables:
            if table.slug == slug:
                return table
    return None
