"""Shared benchmark plumbing: a migrated template database built once, copied per case,
and each case measured in a fresh process so one case's caches never help another."""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
# Scripts here are run as files, which puts bench/ first on the path, where calendar.py
# would hide the standard library's calendar module. Swap it for the project root.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != BENCH]


def setup_django(db_path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django

    django.setup()


def build_template(name, build):
    """Migrate a fresh SQLite file and run ``build()`` in it; return its path."""
    path = Path(tempfile.gettempdir()) / f"bench-{name}-template.sqlite3"
    path.unlink(missing_ok=True)
    setup_django(path)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build()
    print(f"built {name} data in {time.perf_counter() - started:.1f} s (not timed)")
    from django.db import connection

    connection.close()
    return path


def run_cases(script, template, cases, extra=()):
    """Run each case of ``script`` in its own process on a copy of the template."""
    results = []
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "case.sqlite3"
            shutil.copy(template, db)
            out = subprocess.run(
                [sys.executable, script, "--case", case, "--db", str(db), *extra],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


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
