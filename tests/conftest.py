import json
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from wagtail.models import Page, Site

import pytest

from involvement_pages.groups import setup_groups
from involvement_pages.roles import OFFICERS
from tests.involvement_pages.factories import HomePageFactory, InvolvementMenuPageFactory
from tests.staff import staff


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: no page kept by an earlier test's database."""
    cache.clear()


@pytest.fixture
def home(db):
    """A HomePage at the root of the default site, as the demo and a host would have."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    root.get_children().delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def menu(home):
    return InvolvementMenuPageFactory(parent=home)


@pytest.fixture
def officer(client, db):
    """An involvement officer, logged in on ``client``."""
    return staff(client, OFFICERS)


@pytest.fixture
def staff_groups(db):
    """The three staff groups, as `manage.py setup_involvement_groups` makes them."""
    setup_groups()


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo site, built once per test run (it takes about half a minute).

    It is built inside a transaction held open until the run ends, so each test that uses it
    rolls back to it as Django's setUpTestData does, and the demo never reaches another
    test: ``pytest_collection_modifyitems`` runs the tests that use it last.
    """
    quiet_search = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    with django_db_blocker.unblock():
        flushed = not Page.objects.exists()
        if flushed and getattr(connection, "_test_serialized_contents", None):
            # The browser tests, which run before these, leave the database flushed: bring
            # back what the migrations made, as their serialized rollback does. The flush
            # made the content types (and permissions) again, under keys of its own order,
            # which the migrations' rows would clash with: clear them first.
            # Content types go back first: saving other rows may look one up (Wagtail's
            # reference index does), and a lookup that misses makes one with a new key.
            rows = json.loads(connection._test_serialized_contents)
            rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
            ContentType.objects.all().delete()
            ContentType.objects.clear_cache()
            connection.creation.deserialize_db_from_string(json.dumps(rows))
            ContentType.objects.clear_cache()
        held = transaction.atomic()
        held.__enter__()
        try:
            with override_settings(WAGTAILSEARCH_BACKENDS=quiet_search):
                call_command("load_demo", stdout=StringIO())
        except BaseException:
            held.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        held.__exit__(None, None, None)


def pytest_collection_modifyitems(items):
    """Tests on the shared demo site run after every other test (see ``demo_site``).

    Every transactional test restores the migrations' rows (root page, content types, staff
    groups) after its flush: a flush without it makes the content types again under new keys,
    and the next test that restores them would clash with those.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        restores = marker and "serialized_rollback" in marker.kwargs
        if marker and marker.kwargs.get("transaction") and not restores:
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )
    items.sort(key=lambda item: "demo_site" in getattr(item, "fixturenames", ()))
