"""The references our own exports give records that never had a legacy one: ``ID-<pk>``.

A file exported from the site and imported back finds each record by it again.
"""

OWN_REFERENCE_PREFIX = "ID-"


def own_reference(pk):
    return f"{OWN_REFERENCE_PREFIX}{pk}"


def own_pk(reference):
    """The primary key an ``ID-<pk>`` reference names, or None for any other reference."""
    digits = reference[len(OWN_REFERENCE_PREFIX) :]
    return int(digits) if reference.startswith(OWN_REFERENCE_PREFIX) and digits.isdigit() else None
