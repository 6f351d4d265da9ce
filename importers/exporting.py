"""Exports of every importable resource, in the same columns, so a file exported here
imports back as unchanged. Every text cell is formula-escaped by the widgets' render().

Equality answers never leave in the register's export: they have their own, in forms.
"""

from import_export.formats.base_formats import CSV, XLSX

from .resources import get_resource_class

FORMATS = {"csv": CSV, "xlsx": XLSX}


def export_resource(name, file_format="csv", queryset=None):
    """The resource's rows as CSV or XLSX bytes."""
    resource = get_resource_class(name)(exporting=True)
    dataset = resource.export(queryset=queryset)
    exported = FORMATS[file_format]().export_data(dataset)
    return exported.encode("utf-8-sig") if isinstance(exported, str) else exported
