"""A soak: minutes of browsing and sign-ups under gunicorn, with a worker killed part way.

Issue 16: "a 10-minute soak of browsing plus sign-ups loses and doubles no sign-up"; "a
worker killed mid-request loses nothing". The demo site runs as in production (gunicorn
with cms_site/gunicorn.conf.py, 2 workers, production settings, PostgreSQL, Redis, the
page cache on) behind no proxy, with the forwarded address trusted so that each resident
has an address of their own, as behind the proxy docs/deploying.md sets up.

While wrk browses the home page, the menu, the calendar and an event, residents join the
register and sign up for events, each with an email of their own; a resident whose post
gets no answer (its worker was killed) sends the same form again, as a person would. Half
way through, one worker is killed with SIGKILL. At the end every answered post is looked
up in the database: a sign-up the resident was told about and that is missing is lost; a
person with two submissions of the same form is doubled. Both must be zero.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on 127.0.0.1:6379 and wrk
(apt-get install wrk). Run: .venv/bin/python bench/soak.py [--minutes 10] [--residents 4]
[--pause 1]
"""
# ruff: noqa: E402 - the path is mended before the standard library is imported

import sys
from pathlib import Path

# Run as a file, this script has bench/ first on the path, where calendar.py would hide the
# standard library's calendar module, which urllib (through email) imports at once.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import os
import re
import secrets
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

PY = sys.executable
BIN = Path(PY).parent
PORT = 8103
BASE = f"http://127.0.0.1:{PORT}"
PG = os.environ.get("PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_soak"
LOG = Path(tempfile.gettempdir()) / "soak-gunicorn.log"


def environment():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": BASE,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/4",
        "DB_CONN_MAX_AGE": "60",
        "PAGE_CACHE_SECONDS": "300",
        "TRUSTED_PROXY_HEADER": "HTTP_X_FORWARDED_FOR",
        # Residents' confirmations are made and sent, to a backend that keeps nothing.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }


def psql(sql):
    subprocess.run(
        ["psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def exists():
    found = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{DATABASE}'"],
        capture_output=True,
        text=True,
    )
    return found.stdout.strip() == "1"


def build(env):
    print("Building the demo site on PostgreSQL (not timed)...", file=sys.stderr)
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PY, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run(["redis-cli", "-n", "4", "flushdb"], check=True, stdout=subprocess.DEVNULL)


def start_server(env):
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "cms_site/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stderr=open(LOG, "w"),  # noqa: SIM115
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(BASE + "/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not answer: see {LOG}")


def workers_of(server):
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


class FormFields(HTMLParser):
    """The inputs of the form that posts residents' answers (the one with a CSRF token)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select = [], False, None
        self.action = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.in_form, self.action = True, attrs.get("action") or ""
        elif self.in_form and tag == "input":
            self.fields.append((attrs.get("type") or "text", attrs.get("name"), attrs))
        elif self.in_form and tag == "select":
            self.select = attrs
        elif self.in_form and tag == "option" and self.select and attrs.get("value"):
            # An option stands for its list: required when the list is.
            self.fields.append(("option", self.select.get("name"), {**self.select, **attrs}))
            self.select = None

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


EQUALITY = {"age_band", "gender", "ethnicity", "disability", "sexual_orientation", "religion"}


def answers(html, email, number):
    """What a resident types: name and email, the first choice of each question that must be
    answered, the hidden fields as sent, and nothing else: the equality questions are left
    blank, as most people leave them, and so is the box people never see."""
    parser = FormFields()
    parser.feed(html)
    data, chosen = {}, set()
    for kind, name, attrs in parser.fields:
        if not name:
            continue
        if kind == "hidden":
            data[name] = attrs.get("value", "")
        elif name == "name":
            data[name] = f"Soak Resident {number}"
        elif name == "email":
            data[name] = email
        elif kind in ("radio", "option") and name not in EQUALITY and name not in chosen:
            data[name], chosen = attrs.get("value", ""), chosen | {name}
        elif kind == "checkbox" and "required" in attrs:
            data[name] = attrs.get("value", "on")
    return parser.action, data


class Resident(threading.Thread):
    def __init__(self, index, pages, until, results, lock, pause):
        super().__init__(daemon=True)
        self.index, self.pages, self.until = index, pages, until
        self.results, self.lock, self.pause = results, lock, pause

    def run(self):
        count = 0
        while time.monotonic() < self.until:
            count += 1
            number = self.index * 1_000_000 + count
            page = self.pages[count % len(self.pages)]
            outcome = self.send(page, f"soak.{number}@example.org", number)
            with self.lock:
                self.results.append(outcome)
            time.sleep(self.pause)

    def send(self, page, email, number):
        # No cookie jar: http.cookiejar imports the calendar module that bench/calendar.py
        # hides; the CSRF cookie is carried by hand.
        opener = urllib.request.build_opener(NoRedirect)
        address = f"10.{self.index}.{number // 250 % 250}.{number % 250 + 1}"
        outcome = {"page": page, "email": email, "answered": False, "tries": 0, "seconds": []}
        for _ in range(3):  # a resident who gets no answer presses Send again
            outcome["tries"] += 1
            started = time.monotonic()
            try:
                got = opener.open(request(page, address), timeout=30)
                cookies = "; ".join(
                    c.split(";", 1)[0] for c in got.headers.get_all("Set-Cookie") or []
                )
                action, data = answers(got.read().decode(), email, number)
                target = urllib.parse.urljoin(page, action or page)
                posted = opener.open(request(target, address, data, cookies), timeout=30)
                status = posted.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = None  # the connection died with its worker
            outcome["seconds"].append(time.monotonic() - started)
            outcome["status"] = status
            if status in (302, 303):
                outcome["answered"] = True
                return outcome
            if status is not None and status < 500:
                outcome["said"] = said(posted.read().decode()) if status == 200 else ""
                return outcome  # refused with a message; nothing to retry
            time.sleep(1)
        return outcome


def said(html):
    """The first message of a page's error summary, in words."""
    summary = re.search(r"error-summary.*?<li[^>]*>(.*?)</li>", html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", summary.group(1)).strip() if summary else "no summary"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url, address, data=None, cookies=""):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    headers = {"X-Forwarded-For": address, "Referer": BASE + "/"}
    if cookies:
        headers["Cookie"] = cookies
    return urllib.request.Request(
        BASE + url if url.startswith("/") else url, data=body, headers=headers
    )


def browse(urls, seconds):
    """wrk on each URL in the background, two connections each; their outputs at the end."""
    return [
        subprocess.Popen(
            ["wrk", "-t1", "-c2", f"-d{seconds}s", BASE + url],
            stdout=subprocess.PIPE,
            text=True,
        )
        for url in urls
    ]


def wrk_figures(output):
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return float(rate.group(1)) if rate else 0.0, errors.group(1) if errors else "", bad


def check(results, env):
    """Count what was lost and what was doubled, from the database itself."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db.models import Count

    from forms.models import Person, RegisterSubmission, SignUp

    emails = [r["email"] for r in results]
    people = dict(Person.objects.filter(email__in=emails).values_list("email", "pk"))
    submissions = {}
    for model in (RegisterSubmission, SignUp):
        rows = (
            model.objects.filter(person__email__in=emails)
            .values("person__email", "page_id")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            key = row["person__email"]
            submissions[key] = max(submissions.get(key, 0), row["n"])
    lost = [r["email"] for r in results if r["answered"] and r["email"] not in people]
    lost += [r["email"] for r in results if r["answered"] and not submissions.get(r["email"])]
    doubled = [email for email, n in submissions.items() if n > 1]
    return sorted(set(lost)), doubled


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--residents", type=int, default=4)
    parser.add_argument(
        "--pause",
        type=float,
        default=1.0,
        help="seconds each resident waits between forms (0: send without pause)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="use the database a --reuse run left, and keep it"
    )
    options = parser.parse_args()
    seconds = int(options.minutes * 60)
    env = environment()
    if not options.reuse or not exists():
        build(env)
    server = start_server(env)
    try:
        found = subprocess.run(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                "from forms.models import SignUpFormPage, RegisterFormPage\n"
                "from involvement_pages.calendar.models.events import EventPage\n"
                "print('URL', RegisterFormPage.objects.live().first().url)\n"
                "print('URL', ' '.join(p.url for p in SignUpFormPage.objects.live()[:3]))\n"
                "print('URL', EventPage.objects.live().order_by('path').first().url)",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        # The shell may say what it imported first: only the lines marked URL are ours.
        found = [line.removeprefix("URL ") for line in found if line.startswith("URL ")]
        join, sign_ups, event = found[0], found[1].split(), found[2]
        forms = [join, *sign_ups]
        browsing = browse(["/", "/get-involved/", "/calendar/", event], seconds)
        results, lock = [], threading.Lock()
        until = time.monotonic() + seconds
        residents = [
            Resident(i + 1, forms, until, results, lock, options.pause)
            for i in range(options.residents)
        ]
        for resident in residents:
            resident.start()
        time.sleep(seconds / 2)
        victims = workers_of(server)
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            print(f"Killed worker {victims[0]} at {seconds / 2:.0f} s", file=sys.stderr)
        for resident in residents:
            resident.join()
        browse_figures = [wrk_figures(process.communicate()[0]) for process in browsing]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    lost, doubled = check(results, env)
    answered = [r for r in results if r["answered"]]
    retried = [r for r in results if r["tries"] > 1]
    refused = [r for r in results if not r["answered"]]
    times = sorted(t for r in results for t in r["seconds"])
    print(
        f"\nSoak: {seconds} s, {options.residents} residents sending forms {options.pause:g} s "
        "apart, wrk -t1 -c2 on 4 "
        f"pages; gunicorn 2 workers, production settings, PostgreSQL, Redis; {os.cpu_count()} "
        "cores; one worker killed half way\n"
    )
    print("| figure | value |\n|---|---:|")
    print(f"| forms sent | {len(results):,} |")
    print(f"| answered (saved and thanked) | {len(answered):,} |")
    print(f"| sent again after no answer | {len(retried):,} |")
    print(f"| not answered or refused | {len(refused):,} |")
    print(f"| **lost** (thanked, not in the database) | **{len(lost)}** |")
    print(f"| **doubled** (two submissions of one form) | **{len(doubled)}** |")
    if times:
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"| form round trip p50 / p99 (s) | {statistics.median(times):.2f} / {p99:.2f} |")
    names = ["home", "menu", "calendar", "event"]
    for url, (rate, errors, bad) in zip(names, browse_figures, strict=True):
        extra = f"; socket errors: {errors}" if errors else ""
        extra += f"; non-2xx: {bad.group(1)}" if bad else ""
        print(f"| browsing {url}, req/s | {rate:,.0f}{extra} |")
    for message in sorted({r.get("said") for r in refused if r.get("said")}):
        count = sum(r.get("said") == message for r in refused)
        print(f"| form shown again: {message} | {count} |")
    for status in sorted({str(r.get("status")) for r in refused}):
        count = sum(str(r.get("status")) == status for r in refused)
        print(f"| not answered, status {status} | {count} |")
    if not options.reuse:
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    if lost or doubled:
        print(f"Lost: {lost[:10]}\nDoubled: {doubled[:10]}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
