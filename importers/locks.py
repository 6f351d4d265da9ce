"""One import at a time for each kind of record, across every process that shares the database.

Two imports of the same file at once would race for the same references; the second is
refused at once, naming who started the first and when, rather than made to wait.

PostgreSQL: a session advisory lock, which the server drops if the process dies; whoever
holds it names themselves in their connection's ``application_name`` so the one refused
can say who. SQLite: an exclusive ``flock`` on a file beside the database, which the
operating system drops if the process dies; the file holds who and when. An in-memory
database (the test suite) is seen by one process only, so a lock in the process will do.
"""

import json
import os
import threading
import zlib
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext

try:
    import fcntl
except ImportError:  # not on Windows: fall back to the lock in this process
    fcntl = None

# pg_try_advisory_lock(namespace, key): the first number keeps ours apart from other apps'.
NAMESPACE = 0x1A9017
APPLICATION_PREFIX = "involvement-import "


class ImportRunning(Exception):
    """Another import of the same records is running; ``str()`` says whose and since when."""


def who(user):
    """How the message names whoever started an import."""
    if getattr(user, "pk", None):
        return user.get_full_name() or user.get_username()
    return gettext("the command line")


@contextmanager
def one_import(resource_name, user=None):
    """Hold the lock for ``resource_name`` for the ``with`` block, or raise ImportRunning."""
    holder = {"started": timezone.now().isoformat(), "by": who(user)}
    if connection.vendor == "postgresql":
        lock = _AdvisoryLock(resource_name)
    elif connection.vendor == "sqlite" and fcntl and not _in_memory():
        lock = _FileLock(resource_name)
    else:
        lock = _ProcessLock(resource_name)
    if not lock.acquire(holder):
        raise ImportRunning(_running_message(resource_name, lock.holder()))
    try:
        yield
    finally:
        lock.release()


def _running_message(resource_name, holder):
    holder = holder or {}
    started = holder.get("started")
    when = ""
    if started:
        try:
            when = timezone.localtime(datetime.fromisoformat(started)).strftime("%H:%M")
        except ValueError:
            when = ""
    values = {
        "records": resource_name,
        "time": when or gettext("a moment ago"),
        "who": holder.get("by") or gettext("someone else"),
    }
    return (
        gettext(
            "An import of %(records)s is already running (started %(time)s by %(who)s), so "
            "this one was not started and nothing was written. Try again when it has finished."
        )
        % values
    )


def _key(resource_name):
    return zlib.crc32(resource_name.encode()) & 0x7FFFFFFF


def _in_memory():
    name = str(connection.settings_dict.get("NAME") or "")
    return name in ("", ":memory:") or "mode=memory" in name


class _AdvisoryLock:
    def __init__(self, resource_name):
        self.key = _key(resource_name)

    def acquire(self, holder):
        with connection.cursor() as cursor:
            # Advisory locks nest within a session; ours must not (one import, one holder).
            cursor.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND classid = %s AND objid = %s",
                [NAMESPACE, self.key],
            )
            if cursor.fetchone():
                return False
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [NAMESPACE, self.key])
            if not cursor.fetchone()[0]:
                return False
            # Who holds it, where another session can read it (63 characters at most).
            label = APPLICATION_PREFIX + json.dumps(
                [holder["started"][:19], holder["by"][:30]], ensure_ascii=False
            )
            cursor.execute("SELECT set_config('application_name', %s, false)", [label[:63]])
        return True

    def holder(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
                "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                "AND l.classid = %s AND l.objid = %s",
                [NAMESPACE, self.key],
            )
            row = cursor.fetchone()
        if not row or not (row[0] or "").startswith(APPLICATION_PREFIX):
            return None
        try:
            started, by = json.loads(row[0][len(APPLICATION_PREFIX) :])
        except ValueError:
            return None
        return {"started": started, "by": by}

    def release(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [NAMESPACE, self.key])
            cursor.execute("SELECT set_config('application_name', '', false)")


class _FileLock:
    def __init__(self, resource_name):
        database = Path(connection.settings_dict["NAME"])
        self.path = database.with_name(f"{database.name}.import-{resource_name}.lock")
        self.fd = None

    def acquire(self, holder):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        self.fd = fd
        return True

    def holder(self):
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return None

    def release(self):
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


_process_locks = {}
_process_holders = {}
_guard = threading.Lock()


class _ProcessLock:
    def __init__(self, resource_name):
        self.name = resource_name
        with _guard:
            self.lock = _process_locks.setdefault(resource_name, threading.Lock())

    def acquire(self, holder):
        if not self.lock.acquire(blocking=False):
            return False
        _process_holders[self.name] = holder
        return True

    def holder(self):
        return _process_holders.get(self.name)

    def release(self):
        _process_holders.pop(self.name, None)
        self.lock.release()
