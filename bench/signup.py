"""Sign-ups per second against a real server, with every row counted afterwards.

Target (issue 5): 30 sign-ups a second on SQLite and more on PostgreSQL on the 2-core
machines, none lost and none doubled. One post in ten repeats the one before it from
another client at about the same moment (a double click or a second tab), so the check
"one person and one sign-up per resident" is tested under load, not only counted.

By default the server is the standard library's WSGI server answering from a pool of 8
threads that keep their database connections (as gunicorn's threaded worker does);
``--workers N`` forks N such processes sharing one listening socket (as gunicorn's
workers do), which is where a database that takes writers side by side can pull ahead of
SQLite's single writer. ``--server runserver`` uses Django's development server, a new
thread and a new database connection per request.

Run:  .venv/bin/python bench/signup.py [--workers 2]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/signup.py
With PostgreSQL it works in a throwaway database beside the one named, and drops it after.
"""

import sys
from pathlib import Path

# bench/calendar.py would hide the standard library's calendar module (http.client and
# Django import it) while bench/ is first on the path, so bench/ goes last.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH] + [str(BENCH)]

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.parse  # noqa: E402

from _harness import ROOT, print_table  # noqa: E402

SETTINGS = """
from cms_site.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
# Emails are still built and "sent", just kept in memory instead of printed.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every client posts from 127.0.0.1; the limit's counting still runs, it just never bites.
INVOLVEMENT_SIGNUP_RATE_LIMIT = "1000000/1h"
LOGGING = {"version": 1, "disable_existing_loggers": True}
"""
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """A SQLite file in a temporary folder, or a throwaway PostgreSQL database."""

    def __init__(self, workdir):
        base = os.environ.get("DATABASE_URL", "")
        self.postgres = base.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parsed = urllib.parse.urlparse(base)
            self.name = f"bench_signup_{os.getpid()}"
            self.admin_url = base
            self.url = parsed._replace(path=f"/{self.name}").geturl()
            self._admin(f'CREATE DATABASE "{self.name}"')
            self.label = "PostgreSQL"
        else:
            self.url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            self.label = "SQLite"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def drop(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def build():
    """Run inside the bench settings: the demo's home and menu, and one open sign-up form."""
    import django

    django.setup()
    from cms_site.demo import site as demo
    from forms.models import SignUpFormPage

    menu = demo.load_menu()
    page = SignUpFormPage(
        title="Bench walkabout",
        slug="bench-walkabout",
        privacy_notice_url="/privacy/",
        to_address="involvement@thirteen.example",
        capacity=None,
    )
    menu.add_child(instance=page)
    page.save_revision().publish()
    print(json.dumps({"url": page.url}))


def serve(port, threads, workers):
    """Django behind the standard library's WSGI server, answering from a pool of threads.

    Like gunicorn's threaded workers: ``workers`` processes forked after the socket is
    bound, each with a fixed set of threads that keep their database connections between
    requests (DB_CONN_MAX_AGE), none started per request.
    """
    import django

    django.setup()
    from concurrent.futures import ThreadPoolExecutor
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class PooledServer(WSGIServer):
        request_queue_size = 128
        pool = ThreadPoolExecutor(threads)

        def process_request(self, request, client_address):
            self.pool.submit(self.answer, request, client_address)

        def answer(self, request, client_address):
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    app = get_wsgi_application()
    server = make_server("127.0.0.1", port, app, PooledServer, QuietHandler)
    for _ in range(workers - 1):
        if os.fork() == 0:
            break  # a worker: no database connection is open yet, so none is shared
    server.serve_forever()


def count_rows():
    import django

    django.setup()
    from forms.models import Person, SignUp

    print(json.dumps({"people": Person.objects.count(), "sign_ups": SignUp.objects.count()}))


def run(env, *args):
    out = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def wait_for(port, path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer on port {port}")


class Resident:
    """One client: a browser with its own CSRF cookie, posting the jobs it is given."""

    def __init__(self, port, path):
        self.port, self.path = port, path
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";")[0]
        self.headers = {
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self.token = TOKEN_RE.search(html).group(1)

    def post(self, n):
        fields = {
            "csrfmiddlewaretoken": self.token,
            "name": f"Bench Resident {n}",
            "email": f"bench{n}@example.com",
            "phone": "",
        }
        if n % 4 == 0:
            fields["support_needs"] = "childcare"
        body = urllib.parse.urlencode(fields)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.perf_counter()
        conn.request("POST", self.path, body=body, headers=self.headers)
        status = conn.getresponse().status
        return status, (time.perf_counter() - started) * 1000


def load(port, path, count, clients):
    """Post ``count`` sign-ups from ``clients`` threads; every tenth repeats the one before."""
    jobs = [n - 1 if n % 10 == 9 else n for n in range(count)]
    unique = len(set(jobs))
    lock = threading.Lock()
    results = []
    residents = [Resident(port, path) for _ in range(clients)]

    def work(resident):
        while True:
            with lock:
                if not jobs:
                    return
                n = jobs.pop(0)
            outcome = resident.post(n)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=work, args=(r,)) for r in residents]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started, unique


def main(count, clients, server_kind, threads, workers):
    workdir = Path(tempfile.mkdtemp(prefix="bench-signup-"))
    (workdir / "bench_signup_settings.py").write_text(SETTINGS)
    db = Database(workdir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_signup_settings",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
        "DATABASE_URL": db.url,
        "DB_CONN_MAX_AGE": "600",
    }
    server = None
    try:
        run(env, "manage.py", "migrate", "--verbosity", "0")
        path = json.loads(run(env, __file__, "--build").strip().splitlines()[-1])["url"]
        port = free_port()
        command = (
            ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
            if server_kind == "runserver"
            else [
                __file__,
                "--serve",
                str(port),
                "--threads",
                str(threads),
                "--workers",
                str(workers),
            ]
        )
        server = subprocess.Popen(
            [sys.executable, *command],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the workers stop with it
        )
        wait_for(port, path)
        results, elapsed, unique = load(port, path, count, clients)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        server = None
        rows = json.loads(run(env, __file__, "--count-rows").strip().splitlines()[-1])
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGKILL)
        db.drop()
        shutil.rmtree(workdir, ignore_errors=True)

    statuses = [status for status, _ in results]
    timings = sorted(ms for _, ms in results)
    accepted = statuses.count(302)
    ok = accepted == count and rows["people"] == unique and rows["sign_ups"] == unique
    row = {
        "database": db.label,
        "server": "runserver"
        if server_kind == "runserver"
        else f"wsgiref, {workers} x {threads} threads",
        "clients": clients,
        "posts": count,
        "seconds": round(elapsed, 1),
        "sign-ups/s": round(accepted / elapsed, 1),
        "median ms": round(statistics.median(timings), 1),
        "p95 ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "people (expected)": f"{rows['people']} ({unique})",
        "sign-ups (expected)": f"{rows['sign_ups']} ({unique})",
        "check": "OK" if ok else f"FAILED: statuses {sorted(set(statuses))}",
    }
    print_table(
        "Sign-ups against a running server (target: 30/s on SQLite, more on PostgreSQL; "
        "none lost, none doubled)",
        [row],
        list(row),
    )
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=600, help="posts to send (default 600)")
    parser.add_argument("--clients", type=int, default=4, help="client threads (default 4)")
    parser.add_argument(
        "--server",
        choices=["pooled", "runserver"],
        default="pooled",
        help="the standard library's WSGI server with a thread pool (default), or runserver",
    )
    parser.add_argument(
        "--threads", type=int, default=8, help="server threads a process (default 8)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes, pooled server only (default 1)"
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count-rows", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.threads, args.workers)
    elif args.build:
        build()
    elif args.count_rows:
        count_rows()
    else:
        sys.exit(main(args.count, args.clients, args.server, args.threads, args.workers))
