"""The write phase of an import: every row was checked and prepared without a transaction,
so the database is written in one short transaction at the end.

On SQLite a transaction holds the one write lock: while the rows were being checked
residents could still sign up; now the lock is held only for the inserts and updates.
All or nothing still: any problem found here rolls the whole write back.

What changed on the register between the check and the write is looked at again inside the
transaction: a resident who joined online meanwhile with a row's email or phone is that
row's person (the register's own rule, forms/people.py), and any value the database keeps
unique that someone now holds is reported on its line, in words.
"""

import logging
import time

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils.translation import gettext

from . import bulk
from .uniqueness import clashes, constraint_message

logger = logging.getLogger(__name__)


class Refused(Exception):
    """Rows that cannot be written; ``problems`` is {id(instance): [(field, message)]}."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


class DatabaseFailed(Exception):
    """The database failed the write for a reason that is not the file's; nothing written."""


def checked_fields(resource):
    """The model fields the file fills, which the uniqueness checks look at."""
    fields = {f.attribute for f in resource.model_fields() if f.attribute}
    if resource.reference_on_model():
        fields.add(resource.key)
    return fields


def prepared(resource):
    return [*resource.prepared_new, *resource.prepared_updated]


def write(resource, *, since, record):
    """Write what ``resource`` prepared in one transaction, then call ``record()`` (the
    fingerprints and the run's history) inside it, so the history never says other than
    what was written. Returns [(instance, holder, changes)] for rows matched to people who
    joined meanwhile. Raises Refused, DatabaseFailed, or lets the caller's bug through."""
    model = resource._meta.model
    batch_size = resource._meta.batch_size or 1000
    new, updated = resource.prepared_new, resource.prepared_updated
    fast = bulk.fast()
    if fast:
        # Turned into SQL parameters now, so the transaction only sends them.
        new_rows = bulk.Rows(model, new)
        updated_rows = bulk.Rows(model, updated, fields=resource.get_bulk_update_fields())
        keys = bulk.reserve_keys(model, len(new)) if connection.vendor == "postgresql" else None
    started = None
    try:
        with transaction.atomic():
            started = time.perf_counter()  # on SQLite, from here the write lock is held
            adopted = _adopt_joiners(resource, since)
            new = resource.prepared_new
            problems = clashes(
                model,
                [*new, *updated, *(h for _, h, _ in adopted)],
                fields=checked_fields(resource),
                changed_since=since,
                line_of=getattr(resource, "line_of", None),
            )
            if problems:
                raise Refused(problems)
            if fast:
                if adopted:
                    new_rows.drop({id(instance) for instance, _, _ in adopted})
                bulk.insert(new_rows, keys or bulk.reserve_keys(model, len(new)))
                bulk.update(updated_rows)
            for start in range(0, len(new), batch_size):
                batch = new[start : start + batch_size]
                if not fast:
                    model._default_manager.bulk_create(batch)
                resource.after_batch_saved(batch, True)
            fields = resource.get_bulk_update_fields()
            for start in range(0, len(updated), batch_size):
                batch = updated[start : start + batch_size]
                if fields and not fast:
                    model._default_manager.bulk_update(batch, fields)
                resource.after_batch_saved(batch, False)
            if adopted:
                holders = [holder for _, holder, _ in adopted]
                model._default_manager.bulk_update(holders, _adopted_fields(resource))
                resource.after_batch_saved(holders, False)
            record(adopted)
    except Refused:
        raise
    except IntegrityError as exc:
        # Something slipped past the checks above (a rule they do not know): find it again
        # now the write is rolled back, else say in words what the database refused.
        problems = clashes(
            model,
            prepared(resource),
            fields=checked_fields(resource),
            line_of=getattr(resource, "line_of", None),
        )
        if problems:
            raise Refused(problems) from exc
        logger.warning("Import of %s refused by the database: %s", resource.name, exc)
        words = constraint_message(model, exc) or gettext(
            "A row holds a value the register keeps unique and someone already has it."
        )
        raise DatabaseFailed(
            gettext("The database refused the import, so nothing was written: %(words)s")
            % {"words": words}
        ) from exc
    except DatabaseError as exc:
        logger.exception("Import of %s failed in the database", resource.name)
        raise DatabaseFailed(
            gettext(
                "The database could not save the import (it was busy or stopped), so nothing "
                "was written. Try again."
            )
        ) from exc
    finally:
        resource.write_seconds = time.perf_counter() - started if started else 0.0
    return adopted


def _adopted_fields(resource):
    fields = [
        f.attribute
        for f in resource.model_fields()
        if f.column_name in resource.file_headers
        and f.attribute in resource.get_bulk_update_fields()
    ]
    if resource.reference_on_model():
        fields.append(resource.key)
    return fields


def _adopt_joiners(resource, since):
    """Rows prepared as new whose person joined online since the check began: update that
    person with the row instead (their sign-ups stay theirs). [(instance, holder, changes)]"""
    found = resource.joined_meanwhile(resource.prepared_new, since)
    if not found:
        return []
    adopted = []
    fields = set(resource.get_bulk_update_fields())
    for instance, holder in found:
        before = resource.snapshot(holder)
        for field in resource.model_fields():
            if field.column_name not in resource.file_headers or field.attribute not in fields:
                continue  # many-to-many answers come with _pending_m2m below
            value = getattr(instance, field.attribute)
            # Blanks in the file never erase what the resident gave (as on the register).
            if value not in (None, ""):
                setattr(holder, field.attribute, value)
        if resource.reference_on_model():
            setattr(holder, resource.key, getattr(instance, resource.key))
        for name in ("_legacy_reference", "_pending_m2m", "_import_row"):
            setattr(holder, name, getattr(instance, name, None))
        resource.adopt_extra(instance, holder)
        after = resource.snapshot(holder)
        changes = [(h, before.get(h, ""), after[h]) for h in after if after[h] != before.get(h, "")]
        adopted.append((instance, holder, changes))
    taken = {id(instance) for instance, _, _ in adopted}
    resource.prepared_new = [i for i in resource.prepared_new if id(i) not in taken]
    return adopted
