"""Inserts and updates of thousands of rows whose values were turned into SQL parameters
before the transaction began.

Django's bulk_create and bulk_update build their SQL row by row in Python (a quarter of a
million values for 20,000 people), and on SQLite every moment of that is a moment the
write lock is held and residents wait. Here the values are prepared outside the
transaction (``Rows``), and inside it each statement is sent once with ``executemany``.

New rows need their primary keys for the rows that point at them (interests, equality
answers, import records): PostgreSQL hands out the next values of the table's sequence
(outside any transaction, as sequences do); SQLite, whose writer is alone while it holds
the lock, counts on from the highest key it ever gave. Other databases use Django's own
bulk_create.
"""

import itertools

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models
from django.utils import timezone

CHUNK = 1000


class Rows:
    """Parameters for inserting ``instances`` (new) or updating ``fields`` of them."""

    def __init__(self, model, instances, *, fields=None):
        self.model, self.instances = model, instances
        opts = model._meta
        now = timezone.now()
        if fields is None:
            self.fields = [f for f in opts.concrete_fields if not f.primary_key]
            add = True
        else:
            stamps = [f for f in opts.concrete_fields if getattr(f, "auto_now", False)]
            wanted = [opts.get_field(name) for name in fields]
            self.fields = wanted + [f for f in stamps if f not in wanted]
            add = False
        for field in self.fields:
            if getattr(field, "auto_now", False) or (add and getattr(field, "auto_now_add", False)):
                for instance in instances:
                    setattr(instance, field.attname, now)
        wrapper = connections[DEFAULT_DB_ALIAS]  # the thread's own, looked up once
        prep = [(f.attname, _converter(f, wrapper)) for f in self.fields]
        self.values = [
            tuple([to_db(getattr(instance, attname)) for attname, to_db in prep])
            for instance in instances
        ]

    def drop(self, taken):
        """Leave out the instances whose id() is in ``taken``."""
        kept = [
            (i, v) for i, v in zip(self.instances, self.values, strict=True) if id(i) not in taken
        ]
        self.instances = [i for i, _ in kept]
        self.values = [v for _, v in kept]


#: Values these fields send to the database as they are (Django's conversion would only
#: hand them back): {field class: the value types passed straight through}.
_AS_THEY_ARE = (
    (models.CharField, (str,)),
    (models.TextField, (str,)),
    (models.BooleanField, (bool,)),
    (models.ForeignKey, (int,)),
)


def _converter(field, wrapper):
    """A function from a value of ``field`` to its SQL parameter. Django's own conversion
    for every cell of 100,000 rows is a good part of preparing them; it is kept for
    anything but plain text, yes/no and keys, and remembered for dates (few and repeated)."""
    convert = field.get_db_prep_save
    kind = type(field)
    for base, types in _AS_THEY_ARE:
        if not isinstance(field, base):
            continue
        plain = base is models.ForeignKey or (
            kind.get_db_prep_save is base.get_db_prep_save
            and kind.get_db_prep_value is base.get_db_prep_value
            and kind.get_prep_value is base.get_prep_value
        )
        if not plain:
            break

        def as_it_is(value, types=types):
            if value is None or type(value) in types:
                return value
            return convert(value, wrapper)

        return as_it_is
    if isinstance(field, models.DateField):  # and DateTimeField
        seen = {}

        def remembered(value):
            try:
                return seen[value]
            except KeyError:
                seen[value] = converted = convert(value, wrapper)
                return converted
            except TypeError:  # not hashable
                return convert(value, wrapper)

        return remembered
    return lambda value: convert(value, wrapper)


def fast():
    return connection.vendor in ("sqlite", "postgresql")


def reserve_keys(model, count):
    """``count`` primary keys nobody has or will be given. On PostgreSQL works anywhere;
    on SQLite only inside the transaction that then inserts them."""
    if not count:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT MAX({_q(pk)}) FROM {_q(table)}")
        highest = cursor.fetchone()[0] or 0
        try:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        except DatabaseError:  # no AUTOINCREMENT table has had a row yet
            row = None
        if row and row[0] and row[0] > highest:
            highest = row[0]
    return list(range(highest + 1, highest + 1 + count))


def insert(rows, keys):
    """Insert ``rows`` (a Rows of new instances) with ``keys``, setting each instance's pk."""
    if not rows.instances:
        return
    model = rows.model
    columns = [model._meta.pk.column, *(f.column for f in rows.fields)]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        _q(model._meta.db_table),
        ", ".join(_q(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    keys = keys[: len(rows.instances)]
    for instance, key in zip(rows.instances, keys, strict=True):
        instance.pk = key
        instance._state.adding = False
    _executemany(sql, ((key, *values) for key, values in zip(keys, rows.values, strict=True)))


def update(rows):
    """Write ``rows.fields`` of every instance in ``rows`` (a Rows of saved instances)."""
    if not rows.instances or not rows.fields:
        return
    model = rows.model
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        _q(model._meta.db_table),
        ", ".join(f"{_q(f.column)} = %s" for f in rows.fields),
        _q(model._meta.pk.column),
    )
    _executemany(
        sql, ((*values, i.pk) for i, values in zip(rows.instances, rows.values, strict=True))
    )


def insert_pairs(model, first, second, pairs):
    """Rows of two columns (a many-to-many link table) from (first, second) values."""
    if not pairs:
        return
    table = model._meta.db_table
    sql = f"INSERT INTO {_q(table)} ({_q(first)}, {_q(second)}) VALUES (%s, %s)"
    _executemany(sql, pairs)


def upsert(model, unique, fields, params):
    """Insert rows of ``unique + fields``, replacing ``fields`` where ``unique`` is taken."""
    if not params:
        return
    columns = [*unique, *fields]
    sql = "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}".format(
        _q(model._meta.db_table),
        ", ".join(_q(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
        ", ".join(_q(c) for c in unique),
        ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in fields),
    )
    _executemany(sql, params)


def _executemany(sql, params):
    """Send ``params`` (any iterable) a thousand rows at a time: never all of them built at
    once, which for 100,000 people would be a second copy of every value."""
    params = iter(params)
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(params, CHUNK)):
            cursor.executemany(sql, chunk)


def _q(name):
    return connection.ops.quote_name(name)
