"""Recognising rows that have not changed since the last import of the same resource."""

import hashlib
import json

from django.db import connection
from django.utils import timezone

from . import bulk
from .models import ImportedRecord

CHUNK = 500


def fingerprint(headers, cells):
    text = json.dumps([headers, ["" if c is None else str(c) for c in cells]], ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def unchanged(resource_name, model, rows):
    """{index: label} for the ``rows`` [(reference, fingerprint)] that match their last
    import and whose record still exists."""
    wanted = {
        reference: (index, print_) for index, (reference, print_) in enumerate(rows) if reference
    }
    references = list(wanted)
    matches = {}
    for start in range(0, len(references), CHUNK):
        chunk = references[start : start + CHUNK]
        for reference, print_, object_id, label in ImportedRecord.objects.filter(
            resource=resource_name, reference__in=chunk
        ).values_list("reference", "fingerprint", "object_id", "label"):
            if wanted[reference][1] == print_:
                matches[object_id] = (wanted[reference][0], label)
    ids = list(matches)
    alive = set()
    for start in range(0, len(ids), CHUNK):
        alive.update(
            model.objects.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", flat=True)
        )
    return {index: label for object_id, (index, label) in matches.items() if object_id in alive}


def remember(resource_name, ids, rows, labels):
    """Record the fingerprints of rows [(reference, fingerprint)] just imported, for the
    references in ``ids`` (reference -> pk) that were found or saved, with each record's
    name as the preview showed it (``labels``, reference -> name)."""
    prints = [(ref, print_) for ref, print_ in dict(rows).items() if ref in ids]
    if bulk.fast():
        now = ImportedRecord._meta.get_field("imported_at").get_db_prep_save(
            timezone.now(), connection
        )
        bulk.upsert(
            ImportedRecord,
            ["resource", "reference"],
            ["fingerprint", "object_id", "label", "imported_at"],
            (
                (resource_name, ref, print_, ids[ref], labels.get(ref, "")[:200], now)
                for ref, print_ in prints
            ),
        )
        return
    # One upsert a chunk: no delete first, and never every record in memory at once.
    for start in range(0, len(prints), CHUNK):
        ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(
                    resource=resource_name,
                    reference=ref,
                    fingerprint=print_,
                    object_id=ids[ref],
                    label=labels.get(ref, "")[:200],
                )
                for ref, print_ in prints[start : start + CHUNK]
            ],
            update_conflicts=True,
            unique_fields=["resource", "reference"],
            update_fields=["fingerprint", "object_id", "label", "imported_at"],
        )
