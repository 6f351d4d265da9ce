"""Admin views the form pages use from Wagtail's form builder."""

from wagtail.contrib.forms.views import SubmissionsListView

from .spreadsheet import FormulaEscapingExportMixin


class EscapingSubmissionsListView(FormulaEscapingExportMixin, SubmissionsListView):
    """Wagtail's submissions list, with residents' answers made inert in CSV and XLSX."""
