"""The wheel a host installs holds the plugin apps and nothing of the demo host.

The wheel is built offline (``--no-isolation``: setuptools and build come from the test
extra) from a copy of the repository, so the build leaves nothing in the checkout.
"""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_APPS = ("involvement_pages", "forms", "importers")
# Each app with models, by folder, and so with its own first migration.
APPS_WITH_MIGRATIONS = (
    "involvement_pages",
    "involvement_pages/calendar",
    "involvement_pages/panels",
    "involvement_pages/grants",
    "involvement_pages/scrutiny",
    "involvement_pages/action_plans",
    "involvement_pages/outcomes",
    "involvement_pages/expenses",
    "involvement_pages/budget",
    "involvement_pages/dashboard",
    "forms",
    "importers",
)
LEFT_AT_HOME = {
    ".git",
    ".venv",
    ".nox",
    "node_modules",
    "build",
    "dist",
    "media",
    "private-media",
    "static",
}


def copy_of_the_repository(destination):
    def ignore(folder, names):
        at_top = Path(folder) == ROOT
        return [
            name
            for name in names
            if (at_top and name in LEFT_AT_HOME)
            or name == "__pycache__"
            or name.endswith((".egg-info", ".sqlite3"))
        ]

    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    source = copy_of_the_repository(tmp_path_factory.mktemp("source") / "repository")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (built,) = out.glob("wagtail_involvement-*.whl")
    return zipfile.ZipFile(built)


@pytest.fixture(scope="module")
def wheel_names(wheel):
    return set(wheel.namelist())


def shipped_source_files(*patterns):
    """Files under the plugin apps' folders that match, as paths inside the wheel."""
    return {
        path.relative_to(ROOT).as_posix()
        for app in PLUGIN_APPS
        for pattern in patterns
        for path in (ROOT / app).glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_holds_nothing_of_the_demo_host(wheel_names):
    top_level = {name.split("/")[0] for name in wheel_names}

    assert top_level - {"wagtail_involvement-0.1.0.dist-info"} == set(PLUGIN_APPS)
    assert not [name for name in wheel_names if "load_demo" in name or "/demo" in name]


def test_the_wheel_holds_every_template_static_file_and_sample(wheel_names):
    wanted = shipped_source_files("**/templates/**/*", "**/static/**/*", "samples/*")

    assert [name for name in wanted if name.endswith(".html")]
    assert "involvement_pages/static/involvement_pages/involvement.css" in wanted
    assert "importers/samples/people.csv" in wanted
    assert wanted - wheel_names == set()


def test_the_wheel_holds_every_apps_migrations(wheel_names):
    first_migrations = {f"{app}/migrations/0001_initial.py" for app in APPS_WITH_MIGRATIONS}

    assert first_migrations - wheel_names == set()
    assert shipped_source_files("**/migrations/*.py") - wheel_names == set()


def test_the_demo_hosts_services_are_extras_not_requirements(wheel):
    metadata = wheel.read("wagtail_involvement-0.1.0.dist-info/METADATA").decode()
    requirements = [
        line.removeprefix("Requires-Dist: ")
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist: ")
    ]
    always = " ".join(line for line in requirements if "extra ==" not in line)

    for service in ("psycopg", "django-redis", "dj-database-url", "django-tasks-db"):
        assert service not in always
    assert "wagtail-modeladmin" not in metadata
    assert 'psycopg[binary]<4,>=3.2; extra == "postgres"' in requirements
    assert 'django-tasks-db<0.14,>=0.13; extra == "worker"' in requirements
    assert "django-tasks<0.13,>=0.7" in requirements
    assert "License-Expression: BSD-3-Clause" in metadata
    assert "wagtail_involvement-0.1.0.dist-info/licenses/LICENSE" in wheel.namelist()


def test_the_wheel_declares_the_wagtail_range_that_nox_tests(wheel):
    metadata = wheel.read("wagtail_involvement-0.1.0.dist-info/METADATA").decode()
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")

    assert "Requires-Dist: wagtail<8.1,>=7.0" in metadata
    assert "Requires-Dist: django<5.3,>=5.2" in metadata
    assert "Classifier: Framework :: Wagtail :: 7" in metadata
    assert "Classifier: Framework :: Wagtail :: 8" in metadata
    # The lowest session tests the floor, the highest the newest release below the ceiling.
    assert '"wagtail~=7.0.0"' in noxfile
    assert '"wagtail~=8.0.0"' in noxfile
