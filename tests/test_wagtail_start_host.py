"""The plugin installed into a site made by `wagtail start`, following docs/installing.md.

The host keeps everything `wagtail start` gives it (its `home` app and HomePage, its
`search` app, `wagtail.contrib.forms` already listed, its base.html) and has two apps of its
own, `events` and `calendar`, with their own EventPage and CalendarPage. The settings the
plugin needs are pasted in from the docs' own code block, so the docs are what is tested.
Every command runs in a subprocess with the host as its working directory and its own
settings; the checkout comes first on PYTHONPATH, so the plugin code under test is this one.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "installing.md"
WAGTAIL = Path(sys.executable).parent / "wagtail"

pytestmark = pytest.mark.slow

HOST_APPS = {
    # A top-level `calendar` package would hide Python's own calendar module (startapp
    # refuses the name), so the host keeps that app inside its project package; its label
    # is still "calendar".
    "events": ("events", "EventPage", "A page for one of the host's own events."),
    "hostsite/calendar": ("hostsite.calendar", "CalendarPage", "The host's own calendar."),
}


def python_block_from_the_docs(marker):
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    (block,) = [block for block in blocks if marker in block]
    return block


def settings_block_from_the_docs():
    return python_block_from_the_docs("INSTALLED_APPS +=")


def add_host_app(host, folder, name, model, docstring):
    app = host / folder
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").touch()
    (app / "migrations" / "__init__.py").touch()
    (app / "apps.py").write_text(
        "from django.apps import AppConfig\n\n\n"
        f"class HostAppConfig(AppConfig):\n"
        f'    name = "{name}"\n'
        '    default_auto_field = "django.db.models.BigAutoField"\n'
    )
    (app / "models.py").write_text(
        f'from wagtail.models import Page\n\n\nclass {model}(Page):\n    """{docstring}"""\n'
    )


class Host:
    def __init__(self, folder):
        self.folder = folder
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
        }
        self.env["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
        self.env["DJANGO_SETTINGS_MODULE"] = "hostsite.settings.dev"

    def run(self, *args):
        result = subprocess.run(
            args, cwd=self.folder, env=self.env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        return result.stdout

    def manage(self, *args):
        return self.run(sys.executable, "manage.py", *args)


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A `wagtail start` site with the plugin added as docs/installing.md says, migrated."""
    parent = tmp_path_factory.mktemp("wagtail_start")
    subprocess.run([str(WAGTAIL), "start", "hostsite"], cwd=parent, check=True, capture_output=True)
    site = Host(parent / "hostsite")
    settings = site.folder / "hostsite" / "settings" / "base.py"
    host_apps = [name for name, _model, _doc in HOST_APPS.values()]
    with settings.open("a", encoding="utf-8") as file:
        file.write(f"\nINSTALLED_APPS = {host_apps!r} + INSTALLED_APPS\n")
        file.write("\n# From docs/installing.md\n" + settings_block_from_the_docs())
        file.write('INSTALLED_APPS += ["django.contrib.sitemaps"]\n')
    with (site.folder / "hostsite" / "urls.py").open("a", encoding="utf-8") as file:
        file.write("\n# From docs/installing.md\n" + python_block_from_the_docs("sitemaps"))
    for folder, app in HOST_APPS.items():
        add_host_app(site.folder, folder, *app)
    site.manage("makemigrations", "events", "calendar")
    site.check_output = site.manage("check", "--fail-level", "WARNING")
    site.migrations_output = site.manage("makemigrations", "--check", "--dry-run")
    site.manage("migrate", "--noinput")
    return site


@pytest.fixture(scope="module")
def pages(host):
    """The menu, an opportunity, the calendar, an event, its feed and the join form, served."""
    output = host.run(sys.executable, "-m", "tests.wagtail_start_host.publish")
    return json.loads(output.strip().splitlines()[-1])


def test_the_docs_do_not_list_an_app_that_wagtail_start_already_lists():
    block = settings_block_from_the_docs()

    assert '"wagtail.contrib.forms"' not in block
    assert '"wagtail_modeladmin"' not in block


def test_the_host_passes_its_checks_with_no_migration_missing(host):
    assert "no issues" in host.check_output
    assert host.migrations_output.strip() == "No changes detected"


def test_the_menu_and_opportunity_are_served_under_the_hosts_home_page(pages):
    menu, opportunity = pages["menu"], pages["opportunity"]

    assert (menu["url"], menu["status"]) == ("/menu/", 200)
    assert "Estate walkabouts" in menu["body"]
    assert opportunity["status"] == 200
    assert "Walk round your estate with your housing officer." in opportunity["body"]


def test_the_pages_use_the_hosts_base_template_and_the_plugins_stylesheet(pages):
    body = pages["menu"]["body"]

    assert "/static/css/hostsite.css" in body  # wagtail start's base.html
    assert "/static/involvement_pages/involvement.css" in body  # through its extra_css block
    head = body.split("</head>")[0]
    assert "/static/involvement_pages/filters.js" in head  # the menu's, in the same block


def test_an_events_structured_data_goes_in_the_head_of_the_hosts_base_template(pages):
    event = pages["event"]
    head = event["body"].split("</head>")[0]

    assert event["status"] == 200
    assert '<script type="application/ld+json">' in head
    assert "Tell us what matters on your estate." in event["body"]


def test_the_calendar_and_its_feed_list_the_event(pages):
    calendar, feed = pages["calendar"], pages["feed"]

    assert (calendar["url"], calendar["status"]) == ("/whats-on/", 200)
    assert "Tenants&#x27; forum" in calendar["body"]
    assert feed["status"] == 200
    assert feed["content_type"].startswith("text/calendar")
    assert "SUMMARY:Tenants' forum" in feed["body"]


def test_the_sitemap_lists_the_pages_on_the_host_it_was_asked_on(pages):
    sitemap = pages["sitemap"]

    assert sitemap["status"] == 200
    assert "<loc>http://testserver/menu/</loc>" in sitemap["body"]
    assert "localhost" not in sitemap["body"]  # the host's Site record, never edited


def test_the_join_form_asks_for_a_residents_details(pages):
    join = pages["join"]

    assert (join["url"], join["status"]) == ("/join/", 200)
    assert "Join the Customer Voice" in join["body"]
    assert 'autocomplete="email"' in join["body"]
    assert 'href="https://landlord.example/privacy"' in join["body"]


def test_setting_up_the_groups_twice_changes_nothing_the_second_time(host, pages):
    first = host.manage("setup_involvement_groups")
    again = host.manage("setup_involvement_groups")

    assert "Created the group 'Communications editors'." in first
    assert "'Ways to get involved' and pages under it." in first
    assert "'What's on' and pages under it." in first
    assert "'Home'" not in first  # never the host's home page, nor so its whole site
    assert again.strip() == "Nothing to change: the groups already have what they need."


def test_plugin_apps_never_import_the_host_site():
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("involvement_pages", "forms", "importers")
        for path in (ROOT / app).rglob("*.py")
        if "cms_site" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
