"""Keeping residents' text inert in spreadsheets, on the way out and back in.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can run as a
formula when an officer opens an export (``=HYPERLINK(...)`` in a name, say). Every export of
personal data goes through :func:`escape_formula`; importers undo it with
:func:`unescape_formula` so an exported file imports back unchanged.
"""

from django.core.exceptions import FieldDoesNotExist

from import_export import resources

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix ``'`` to text a spreadsheet would treat as a formula; leave the rest alone."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo :func:`escape_formula`."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


class FormulaEscapingExportMixin:
    """For a view built on Wagtail's ``SpreadsheetExportMixin``: no cell it writes can run.

    Escaping after Wagtail's own preprocessing covers every kind of value the same way:
    text, checkbox answers joined into one cell, and a related record's name. Put it before
    the Wagtail view in the bases.
    """

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))


class FormulaEscapingResource(resources.ModelResource):
    """A django-import-export resource whose every exported cell is escaped.

    django-import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` deletes the
    ``=`` instead, which changes the data and ignores ``+``, ``-`` and ``@``.
    """

    def export_field(self, field, instance, **kwargs):
        return escape_formula(
            self.export_choice(field, instance) or super().export_field(field, instance, **kwargs)
        )

    def export_choice(self, field, instance):
        """A choice as the label people picked ("Prefer not to say"); None for other fields."""
        attribute = field.attribute
        try:
            model_field = instance._meta.get_field(attribute) if attribute else None
        except FieldDoesNotExist:
            return None
        if model_field is None or not model_field.choices:
            return None
        return getattr(instance, f"get_{attribute}_display")()
