"""Importers' copies when a person is erased: what their legacy row looked like (its
fingerprint and their name then) and any preview rows or samples an import run kept."""

from django.db.models import Q
from django.utils.translation import gettext

from forms.erasure import ErasurePart

from .models import ImportedRecord, ImportRun
from .resources.people import PersonResource

PEOPLE = PersonResource.name


def importers_erasure(person):
    def erase(person, traces):
        # An empty fingerprint matches no row, so a later import of the old file reports
        # the row as changed rather than skipping it unseen.
        ImportedRecord.objects.filter(resource=PEOPLE, object_id=person.pk).update(
            label="", fingerprint=""
        )
        ImportedRecord.objects.filter(traces.q("label__icontains")).update(label="")
        kept_copies = Q(report__has_key="rows") | Q(report__has_key="samples")
        for run in ImportRun.objects.filter(kept_copies).filter(traces.q("report__icontains")):
            ImportRun.objects.filter(pk=run.pk).update(report=traces.scrub(run.report))

    return ErasurePart(
        erased=[gettext("Copies of their rows kept from imports of legacy files")], erase=erase
    )
