"""Inspect views that read as plain English: "Yes" and "No", not "True" and "False"; money
in pounds."""

from decimal import Decimal

from django.utils.translation import gettext

from wagtail.snippets.views import snippets as snippet_views

from .money import pounds


class PlainInspectView(snippet_views.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, Decimal):
            return pounds(value)
        if value is None:
            return gettext("None")
        return value
