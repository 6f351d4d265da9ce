"""Shared benchmark plumbing: a migrated template database built once, copied per case,
and each case measured in a fresh process so one case's caches never help another.

SQLite by default (a file, copied). With ``DATABASE_URL`` naming a PostgreSQL server the
benchmarks run there instead, in throwaway databases beside the one named: the template
is built once and each case gets ``CREATE DATABASE ... TEMPLATE`` of it, dropped after.
"""

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
# Scripts here are run as files, which puts bench/ first on the path, where calendar.py
# would hide the standard library's calendar module. Swap it for the project root.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != BENCH]


SERVER_URL = os.environ.get("DATABASE_URL", "")
POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))
ENGINE = "PostgreSQL" if POSTGRES else "SQLite"


def setup_django(db):
    """Point Django at ``db`` (a SQLite file, or a PostgreSQL URL) and set it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.test")
    os.environ["DATABASE_URL"] = db if POSTGRES else f"sqlite:///{db}"
    import django

    django.setup()


def _server(sql):
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as conn:
        conn.execute(sql)


def _postgres_url(name):
    return urllib.parse.urlparse(SERVER_URL)._replace(path=f"/{name}").geturl()


def build_template(name, build=None):
    """Migrate a fresh database, load the demo site and run ``build()`` (when given) in it;
    return what names it."""
    if POSTGRES:
        database = f"bench_{name}_template"
        _server(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _server(f'CREATE DATABASE "{database}"')
        template = _postgres_url(database)
    else:
        template = Path(tempfile.gettempdir()) / f"bench-{name}-template.sqlite3"
        template.unlink(missing_ok=True)
    setup_django(template)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", verbosity=0, stdout=sys.stderr)
    if build is not None:
        build()
    print(f"built {name} data in {time.perf_counter() - started:.1f} s on {ENGINE} (not timed)")
    from django.db import connection

    if POSTGRES:
        # Statistics for the planner, as autovacuum keeps them on a live server; without
        # them a freshly built database gets plans no production site would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connection.close()  # a PostgreSQL template must have no one connected
    return template


@contextlib.contextmanager
def copy_of(template):
    """A throwaway copy of the template database for one case."""
    if POSTGRES:
        source = urllib.parse.urlparse(str(template)).path.lstrip("/")
        database = f"{source.removesuffix('_template')}_case"
        _server(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _server(f'CREATE DATABASE "{database}" TEMPLATE "{source}"')
        try:
            yield _postgres_url(database)
        finally:
            _server(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "case.sqlite3"
            shutil.copy(template, db)
            yield db


def run_cases(script, template, cases, extra=()):
    """Run each case of ``script`` in its own process on a copy of the template."""
    results = []
    for case in cases:
        with copy_of(template) as db:
            out = subprocess.run(
                [sys.executable, script, "--case", case, "--db", str(db), *extra],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


def main(script, name, build, run_case, cases, title, columns):
    """The command line of a benchmark of views: with ``--case`` (and ``--db``) measure one
    case; without, build the template, run every case in its own process, print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.case:
        run_case(args.case, args.db)
        return
    template = build_template(name, build)
    print_table(title, run_cases(script, template, list(cases)), columns)


def measure_get(client, url, runs=30, warmup=3):
    """Median milliseconds and queries per request of GET ``url``; fails on non-200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        assert client.get(url).status_code == 200
    timings, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
    return {
        "median_ms": round(statistics.median(timings), 1),
        "queries": max(queries),
        "bytes": len(response.content),
    }


def print_table(title, rows, columns):
    print(f"\n{title}")
    widths = [max(len(str(c)), *(len(str(r.get(c, ""))) for r in rows)) for c in columns]
    print("| " + " | ".join(str(c).ljust(w) for c, w in zip(columns, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        cells = [str(row.get(c, "")).ljust(w) for c, w in zip(columns, widths, strict=True)]
        print("| " + " | ".join(cells) + " |")
