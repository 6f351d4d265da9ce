"""Import history that names a person, for their subject access export.

The importer keeps, for each legacy row it brought in, the reference and the name it had
then (``ImportedRecord``); the people rows for this person are theirs.
"""

from django.utils.translation import gettext

from forms.subject_access import DataSection

from .models import ImportedRecord
from .resources.people import PersonResource


def import_history_data(person):
    records = ImportedRecord.objects.filter(
        resource=PersonResource.name, object_id=person.pk
    ).order_by("imported_at", "pk")
    rows = [
        {
            gettext("Reference in the file"): record.reference,
            gettext("Name in the file"): record.label,
            gettext("Last imported"): record.imported_at,
        }
        for record in records
    ]
    return [
        DataSection(
            "import-history",
            gettext("Import history"),
            gettext("The rows of imported files that brought in or updated their record."),
            rows,
        )
    ]
