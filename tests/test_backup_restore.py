"""The backup and restore in docs/deploying.md, performed: the commands are read from the
guide and run as written, so a guide that drifts from what works fails here.

Runs against PostgreSQL only (``DATABASE_URL=postgres://...``, as in production), with
pg_dump, createdb, pg_restore and psql installed; skipped otherwise.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection

import pytest

from forms.choices import SignUpStatus
from forms.models import Person, SignUp
from tests.forms.factories import PersonFactory, SignUpFactory, SignUpFormPageFactory

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "deploying.md"
TOOLS = ("pg_dump", "createdb", "dropdb", "pg_restore", "psql")

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump sees only what is committed
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in TOOLS), reason="PostgreSQL's tools not installed"
    ),
]


def guide_commands():
    """The shell lines of the guide's "Backups" section, in order."""
    section = GUIDE.read_text().split("## Backups", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def database_url(db):
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def postgres_env():
    if connection.vendor != "postgresql":
        pytest.skip("the backup guide is for PostgreSQL: run with DATABASE_URL=postgres://...")
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": database_url(db),
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or "5432"),
        "PGUSER": db["USER"] or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
    }


def shell(command, env, cwd):
    result = subprocess.run(
        ["bash", "-c", command], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_a_backup_restored_as_the_guide_says_holds_the_people_and_their_sign_ups(
    postgres_env, tmp_path, menu
):
    siobhan = PersonFactory(name="Siobhán Kelly", email="siobhan.kelly@example.com")
    PersonFactory(name="Ben Okafor", email="ben.okafor@example.com")
    form = SignUpFormPageFactory(parent=menu, title="Book a place on the estate walkabout")
    SignUpFactory(page=form, person=siobhan, status=SignUpStatus.PLACE)

    commands = guide_commands()
    dump = next(c for c in commands if c.startswith("pg_dump"))
    createdb = next(c for c in commands if c.startswith("createdb"))
    restore = next(c for c in commands if c.startswith("pg_restore"))
    restored = createdb.split()[-1]
    shell(f"dropdb --if-exists {restored}", postgres_env, tmp_path)
    try:
        shell(dump, postgres_env, tmp_path)
        (written,) = tmp_path.glob("involve-*.dump")
        # The guide restores an example day's file: this run's is today's.
        restore = re.sub(r"involve-[\d-]+\.dump", written.name, restore)
        shell(createdb, postgres_env, tmp_path)
        shell(restore, postgres_env, tmp_path)

        people, sign_ups = Person._meta.db_table, SignUp._meta.db_table
        found = shell(
            f"psql --no-psqlrc --tuples-only --no-align --dbname={restored} --command="
            f"\"select p.name, p.email, coalesce(s.status, '-') from {people} p "
            f'left join {sign_ups} s on s.person_id = p.id order by p.name"',
            postgres_env,
            tmp_path,
        )
        assert found.splitlines() == [
            "Ben Okafor|ben.okafor@example.com|-",
            f"Siobhán Kelly|siobhan.kelly@example.com|{SignUpStatus.PLACE}",
        ]
        # "then point DATABASE_URL at it and run manage.py migrate": nothing left to apply.
        at_restored = {
            **postgres_env,
            "DATABASE_URL": database_url({**connection.settings_dict, "NAME": restored}),
            "DJANGO_SETTINGS_MODULE": "cms_site.settings.test",
        }
        shell(f"{sys.executable} manage.py migrate --check", at_restored, ROOT)
    finally:
        shell(f"dropdb --if-exists {restored}", postgres_env, tmp_path)
