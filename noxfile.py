"""Both ends of the supported range: `nox -s lowest`, `nox -s highest`, `nox -s highest_postgres`.

Each session makes its own venv under .nox/, installs the project with its demo and test
extras (and worker where the Wagtail allows it) with Wagtail and Django pinned, checks that no
migration is missing, and runs pytest; arguments after `--` go to pytest, for example
`nox -s lowest -- -m "not browser"`. CONTRIBUTING.md says more.
"""

import os

import nox

# Each venv is made with the Python that runs nox (the project's .venv under `make`).
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lowest", "highest"]

# The floor and ceiling of pyproject.toml's `wagtail` and `django` requirements, each at its
# newest patch release. Wagtail 7.0 (LTS) pins django-tasks below 0.8, which django-tasks-db
# cannot use, so the lowest session goes without the `worker` extra.
LOWEST = ["wagtail~=7.0.0", "django~=5.2.0"]
HIGHEST = ["wagtail~=8.0.0", "django~=5.2.0"]
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def run_suite(session, pins, extras, env=None):
    session.install("-e", f".[{extras}]", *pins)
    session.run("python", "-m", "django", "--version")
    session.run("python", "-c", "import wagtail; print('Wagtail', wagtail.__version__)")
    session.run(
        "python", "manage.py", "makemigrations", "--check", "--dry-run",
        env={"DJANGO_SETTINGS_MODULE": "cms_site.settings.test", **(env or {})},
    )  # fmt: skip
    session.run("python", "-m", "pytest", *session.posargs, env=env)


@nox.session
def lowest(session):
    """Wagtail 7.0 and Django 5.2 on SQLite."""
    run_suite(session, LOWEST, "demo,test")


@nox.session
def highest(session):
    """Wagtail 8.0 and Django 5.2 on SQLite."""
    run_suite(session, HIGHEST, "demo,worker,test")


@nox.session
def highest_postgres(session):
    """Wagtail 8.0 and Django 5.2 on the PostgreSQL server at 127.0.0.1:5432."""
    env = {"DATABASE_URL": os.environ.get("DATABASE_URL", POSTGRES_URL)}
    run_suite(session, HIGHEST, "demo,worker,test", env=env)
