from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet

import pytest

from forms.spreadsheet import FormulaEscapingExportMixin, escape_formula, unescape_formula
from forms.views import EscapingSubmissionsListView
from forms.viewsets import ResourceExportMixin


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil.example","Click")', "+44 1632", "-1+1", "@SUM(A1)", "\tx", "\rx"],
)
def test_cells_a_spreadsheet_would_run_are_prefixed_and_come_back_unchanged(cell):
    escaped = escape_formula(cell)
    assert escaped == "'" + cell
    assert unescape_formula(escaped) == cell


@pytest.mark.parametrize("cell", ["Ada Example", "", "07700900123", 42, -3, None, "'quoted"])
def test_ordinary_cells_are_left_alone(cell):
    assert escape_formula(cell) == cell
    assert unescape_formula(cell) == cell


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_checkbox_answers_joined_into_one_cell_are_escaped_after_joining(export_format):
    # Wagtail joins a list of ticked answers into one cell; the joined text is what a
    # spreadsheet reads, so that is what must be inert.
    view = EscapingSubmissionsListView()
    cell = view.preprocess_field_value("choices", ["=SUM(A1:A9)", "Email"], export_format)
    assert cell == "'=SUM(A1:A9), Email"


def test_every_admin_list_our_apps_export_makes_its_cells_inert():
    """A list_export on a viewset or a view of ours writes through Wagtail's CSV writer,
    which writes text as it is: each must use the escaping mixin or a resource that escapes."""
    unsafe = []
    for viewset_class in _subclasses(ViewSet):
        if not viewset_class.__module__.startswith(OUR_PACKAGES):
            continue
        # Wagtail's default is a marker, not a list: only a list of columns exports.
        if isinstance(getattr(viewset_class, "list_export", None), (list, tuple)) and (
            viewset_class.list_export
        ):
            index_view = viewset_class.index_view_class
            if not issubclass(index_view, (FormulaEscapingExportMixin, ResourceExportMixin)):
                unsafe.append(viewset_class.__qualname__)
    for view_class in _subclasses(SpreadsheetExportMixin):
        if (
            view_class.__module__.startswith(OUR_PACKAGES)
            and view_class.list_export
            and not issubclass(view_class, (FormulaEscapingExportMixin, ResourceExportMixin))
        ):
            unsafe.append(view_class.__qualname__)
    assert unsafe == [], unsafe


OUR_PACKAGES = ("involvement_pages", "forms", "importers")


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)
