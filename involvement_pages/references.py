"""The reference our spreadsheets give a record that never had a legacy one: ``ID-<pk>``.

The register's download (forms) and every importer's export write it, and the importers
find the record by it again, so a file exported from the site imports back.
"""

OWN_REFERENCE_PREFIX = "ID-"


def own_reference(pk):
    return f"{OWN_REFERENCE_PREFIX}{pk}"


def own_pk(reference):
    """The primary key an ``ID-<pk>`` reference names, or None for any other reference."""
    digits = reference[len(OWN_REFERENCE_PREFIX) :]
    return int(digits) if reference.startswith(OWN_REFERENCE_PREFIX) and digits.isdigit() else None
