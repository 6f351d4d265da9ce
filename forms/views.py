"""Admin views the form pages use from Wagtail's form builder."""

from wagtail.contrib.forms.views import SubmissionsListView

from .spreadsheet import escape_formula


class EscapingSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list, with residents' text made inert in CSV and XLSX."""

    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        str: {"csv": escape_formula, "xlsx": escape_formula},
    }
