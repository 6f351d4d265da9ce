"""The public pages served in one process by Django's test client, uncached: requests a
second, CPU milliseconds a request, Python calls a request and queries a request.

A quick check before bench/load.sh, and steadier on a busy machine: calls and queries do
not change with the load, CPU time changes less than wall time. Needs the demo site
(`manage.py migrate && manage.py load_demo`) in the database DATABASE_URL names, and
production-like settings, for example:

    DATABASE_URL=sqlite:////tmp/pages.sqlite3 DJANGO_SETTINGS_MODULE=cms_site.settings.production \
    DJANGO_SECRET_KEY=bench ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false \
    PAGE_CACHE_SECONDS=0 python bench/pages.py [seconds a page, 3] [page name]
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

# bench/ goes off the path: its calendar.py must not hide Python's calendar module.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from involvement_pages.calendar.models.events import EventPage  # noqa: E402
from involvement_pages.models import OpportunityPage  # noqa: E402


def pages():
    return [
        ("home", "/"),
        ("menu", "/get-involved/"),
        ("menu, filtered", "/get-involved/?level=giving_views&area=hartlepool"),
        ("menu, searched", "/get-involved/?q=panel"),
        ("opportunity", OpportunityPage.objects.live().order_by("path").first().url),
        ("calendar", "/calendar/"),
        ("event", EventPage.objects.live().order_by("path").first().url),
        ("calendar feed", "/calendar/feed/"),
        ("join form", "/get-involved/join/"),
    ]


def measure(client, url, seconds):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: each request empties Django's list of queries
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(3):
        client.get(url)
    profile.disable()
    calls = pstats.Stats(profile).total_calls // 3
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.process_time() - cpu < seconds:
        client.get(url)
        done += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return done / wall, 1000 * cpu / done, calls, queries


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3
    only = sys.argv[2] if len(sys.argv) > 2 else None
    client = Client()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| page | req/s | CPU ms | calls | queries |\n|---|---:|---:|---:|---:|")
    for name, url in pages():
        if only and name != only:
            continue
        rate, cpu_ms, calls, queries = measure(client, url, seconds)
        print(f"| {name} | {rate:.1f} | {cpu_ms:.1f} | {calls} | {queries} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
