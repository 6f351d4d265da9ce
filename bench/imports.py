"""People imports at 10,000 and 100,000 rows: rows a second and peak memory for a first
import, a dry run and a re-import, beside a plain bulk_create of the same rows.

The yardstick writes what the import writes: each person with every column of the file,
and their interests' link rows. A people-only bulk_create (no links: the yardstick of
the earliest runs) is shown too.

Targets (issue 7), on SQLite: first import at least a third of the bulk_create rate,
re-import at least half of it, peak memory under 400 MB.
Targets (issue 13): first import at least 5,000 rows a second for 100,000 people,
re-import at least 15,000, the write lock held under 3 s for 20,000 (``lock_s``: the
longest transaction that writes), peak memory under 400 MB. The ``command`` case runs
``import_legacy`` for 20,000 rows in its own process: the whole command, start to exit.
Run: .venv/bin/python bench/imports.py [--sizes 20000 100000] [--cases bulk_create first_import]
"""

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _harness import ENGINE, POSTGRES, ROOT, build_template, print_table, run_cases, setup_django

HEADER = (
    "Reference,Full name,Email,Phone,Postcode,Tenure,Landlord,Area,Interests,Date joined,Active"
)
CASES = ["bulk_create_people_only", "bulk_create", "first_import", "dry_run", "re_import"]


def people_file(size):
    path = Path(tempfile.gettempdir()) / f"bench-people-{size}.csv"
    if not path.exists():
        landlords = ["Erimus Housing", "Tees Valley Housing", "Housing Hartlepool", "Tristar Homes"]
        areas = ["Middlesbrough", "Stockton-on-Tees", "Hartlepool", "York"]
        interests = ["Repairs and maintenance", "Rent and money", "Estates and environment"]
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(HEADER + "\r\n")
            for n in range(size):
                f.write(
                    f"P{n:06d},Resident {n},resident{n}@example.com,07700 9{n % 100000:05d},"
                    f"TS1 {n % 9}AB,Tenant,{landlords[n % 4]},{areas[n % 4]},"
                    f"{interests[n % 3]}; {interests[(n + 1) % 3]},"
                    f"{1 + n % 28}/0{1 + n % 9}/2024,Y\r\n"
                )
    return path


def plain_bulk_create(data, links):
    """What a throwaway loading script would do: split each line, look names up, insert."""
    from datetime import date

    from forms.models import Person
    from involvement_pages.snippets import Area, Landlord, ServiceArea

    landlords = dict(Landlord.objects.values_list("name", "pk"))
    areas = dict(Area.objects.values_list("name", "pk"))
    rows = [line.split(",") for line in data.decode().splitlines()[1:]]
    people = Person.objects.bulk_create(
        [
            Person(
                legacy_reference=r[0],
                name=r[1],
                email=r[2],
                phone=r[3].replace(" ", ""),
                postcode=r[4],
                tenure="tenant",
                landlord_id=landlords[r[6]],
                area_id=areas[r[7]],
                date_joined=date(*(int(part) for part in reversed(r[9].split("/")))),
                is_active=r[10] == "Y",
            )
            for r in rows
        ],
        batch_size=1000,
    )
    if links:
        services = dict(ServiceArea.objects.values_list("name", "pk"))
        link = Person.interests.through
        link.objects.bulk_create(
            [
                link(person_id=person.pk, servicearea_id=services[name.strip()])
                for person, r in zip(people, rows, strict=True)
                for name in r[8].split(";")
            ],
            batch_size=1000,
        )


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run_case(case, db, size):
    setup_django(db)
    from forms.models import Person
    from importers.engine import run_import

    data = people_file(size).read_bytes()
    before_mb = peak_mb()
    lock = ""
    if case == "command":
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "manage.py", "import_legacy", "people", str(people_file(size))],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "DATABASE_URL": db if POSTGRES else f"sqlite:///{db}"},
        ).stdout
        seconds = time.perf_counter() - started
        lock = float(re.search(r"Written in ([\d.]+) s", out).group(1))
    elif case.startswith("bulk_create"):
        started = time.perf_counter()
        plain_bulk_create(data, links=case == "bulk_create")
        seconds = time.perf_counter() - started
    else:
        if case == "re_import":
            assert run_import("people", data, "people.csv", dry_run=False).ok
        started = time.perf_counter()
        report = run_import("people", data, "people.csv", dry_run=case == "dry_run")
        seconds = time.perf_counter() - started
        lock = round(report.write_seconds, 2)
        assert report.ok, report.error_list()[:5]
        expected = {"first_import": "new", "dry_run": "new", "re_import": "unchanged"}[case]
        assert report.count(expected) == size
    stored = Person.objects.filter(legacy_reference__startswith="P").count()
    assert stored == (0 if case == "dry_run" else size), stored
    if case == "command":
        links = Person.interests.through.objects.filter(person__legacy_reference__startswith="P")
        assert links.count() == 2 * size
    links = Person.interests.through.objects.filter(person__legacy_reference__startswith="P")
    assert links.count() == (0 if case in ("dry_run", "bulk_create_people_only") else 2 * size)
    print(
        json.dumps(
            {
                "case": case,
                "rows": size,
                "seconds": round(seconds, 2),
                "rows_per_s": round(size / seconds),
                "peak_mb": "" if case == "command" else peak_mb(),
                "start_mb": before_mb,
                "lock_s": lock,
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--db")
    parser.add_argument("--size", type=int)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument(
        "--cases",
        nargs="+",
        help="only these cases (the machine may be shared): " + " ".join(CASES),
    )
    args = parser.parse_args()
    if args.case:
        run_case(args.case, args.db, args.size)
    else:
        template = build_template("imports")
        rows = []
        for size in args.sizes:
            people_file(size)
            cases = CASES + (["command"] if size == 20_000 else [])
            if args.cases:
                cases = [c for c in cases if c in args.cases]
            rows += run_cases(__file__, template, cases, extra=["--size", str(size)])
        baseline = {r["rows"]: r["rows_per_s"] for r in rows if r["case"] == "bulk_create"}
        people_only = {
            r["rows"]: r["rows_per_s"] for r in rows if r["case"] == "bulk_create_people_only"
        }
        for r in rows:
            base, only = baseline.get(r["rows"]), people_only.get(r["rows"])
            r["vs_bulk_create"] = f"{r['rows_per_s'] / base:.2f}" if base else ""
            r["vs_people_only"] = f"{r['rows_per_s'] / only:.2f}" if only else ""
        print_table(
            f"People import, {ENGINE} (targets: first import >= 5,000 rows/s for 100,000, "
            "re-import >= 15,000, write lock < 3 s for 20,000, peak < 400 MB)",
            rows,
            [
                "case",
                "rows",
                "seconds",
                "rows_per_s",
                "vs_bulk_create",
                "vs_people_only",
                "lock_s",
                "peak_mb",
            ],
        )
