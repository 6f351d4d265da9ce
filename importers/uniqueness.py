"""Values the database keeps unique, checked before writing and said in words.

A file's row may carry an email, a phone or a reference that the database holds for someone
else (or that another row of the same file holds). The database would refuse the write with
SQL ("UNIQUE constraint failed…"); these checks find the same clash first and name the line,
the column and who already has the value.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext

CHUNK = 500  # well under SQLite's limit on query parameters


def unique_rules(model):
    """(field name, condition Q or None, the model's own message) for each single-field
    uniqueness rule of ``model``: its unique fields and its one-field unique constraints."""
    rules = []
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            rules.append((field.name, None, None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and len(constraint.fields) == 1:
            rules.append(
                (
                    constraint.fields[0],
                    constraint.condition,
                    getattr(constraint, "violation_error_message", None),
                )
            )
    return rules


def meets(instance, condition):
    """Whether ``instance`` falls under a constraint's condition: plain equality lookups,
    joined by AND or OR, possibly negated (what the register's constraints use). Any other
    lookup is taken to apply, so the check errs on the side of looking."""
    if condition is None:
        return True
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(meets(instance, child))
            continue
        lookup, value = child
        if "__" in lookup:
            results.append(True)
            continue
        results.append(getattr(instance, lookup, None) == value)
    met = all(results) if condition.connector == Q.AND else any(results)
    return not met if condition.negated else met


def holder_label(holder):
    """ "Jane Smith (reference T-001)", or "(no reference)" for someone who joined online."""
    reference = getattr(holder, "legacy_reference", "") or ""
    if reference:
        where = gettext("reference %(reference)s") % {"reference": reference}
    else:
        where = gettext("no reference")
    return f"{holder} ({where})"


def changed_since_field(model):
    """The model's "updated at" field (``auto_now``), if it has one."""
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False):
            return field.name
    return None


def clashes(model, instances, *, fields=None, changed_since=None, line_of=None):
    """{id(instance): [(field, message)]} for every instance whose unique value another
    record holds: someone already saved, or an earlier instance in ``instances``.

    ``instances`` are unsaved or changed model instances; an instance is never its own
    clash. Only ``fields`` are checked when given (the columns the file has). ``line_of``
    gives an instance's line in the file, for saying where a value is repeated.

    With ``changed_since`` (a time), only records saved since then are looked at, in one
    query: the write's second look, for what changed while the rows were checked."""
    problems = {}
    recent = None
    stamp = changed_since_field(model) if changed_since is not None else None
    if stamp:
        recent = list(model._default_manager.filter(**{f"{stamp}__gte": changed_since}))
        if not recent:
            return problems  # nobody changed meanwhile; the check already looked at the rest
    for field, condition, _message in unique_rules(model):
        if fields is not None and field not in fields:
            continue
        wanted = {}
        for instance in instances:
            value = getattr(instance, field, None)
            if value in (None, "") or not meets(instance, condition):
                continue
            first = wanted.setdefault(value, instance)
            if first is not instance:
                problems.setdefault(id(instance), []).append(
                    (field, _also_in_file(value, line_of(first) if line_of else None))
                )
        for holder in _holders(model, field, condition, list(wanted), recent):
            instance = wanted[getattr(holder, field)]
            if instance.pk == holder.pk:
                continue
            problems.setdefault(id(instance), []).append(
                (
                    field,
                    gettext("%(value)s already belongs to %(holder)s.")
                    % {"value": getattr(holder, field), "holder": holder_label(holder)},
                )
            )
    return problems


def _holders(model, field, condition, values, recent):
    if recent is not None:
        values = set(values)
        yield from (r for r in recent if getattr(r, field) in values and meets(r, condition))
        return
    for start in range(0, len(values), CHUNK):
        queryset = model._default_manager.filter(**{f"{field}__in": values[start : start + CHUNK]})
        if condition is not None:
            queryset = queryset.filter(condition)
        yield from queryset


def _also_in_file(value, line):
    if line is None:
        return gettext("%(value)s is also on another row of the file.") % {"value": value}
    return gettext("%(value)s is also on line %(line)s.") % {"value": value, "line": line}


def constraint_message(model, error):
    """The model's own words for the unique rule a database error names, else None."""
    text = str(error)
    table = model._meta.db_table
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.name in text:
            return str(constraint.violation_error_message)
    for field, _condition, message in unique_rules(model):
        column = model._meta.get_field(field).column
        if f"{table}.{column}" in text or f"({column})" in text:
            if message:
                return str(message)
            label = model._meta.get_field(field).verbose_name
            return gettext("Someone already has this %(field)s.") % {"field": label}
    return None
