"""The plugin's search backend: Wagtail's database backend, searching typed words on SQLite."""

from django.core.checks import run_checks
from django.db import connection

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from involvement_pages.search_backend import WordsOnly

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite-only bug")


def warnings_about_search():
    return [message.id for message in run_checks() if message.id == "involvement_pages.W001"]


@on_sqlite
@pytest.mark.parametrize("query", ['"', 'council"', "\x00", "!?"])
def test_a_typed_search_holding_a_quote_runs_on_sqlite(query):
    backend = get_search_backend()

    assert isinstance(backend, WordsOnly)
    assert list(backend.search(query, Page)) == []
    assert list(backend.autocomplete(query, Page)) == []


@on_sqlite
def test_the_check_warns_a_sqlite_site_on_wagtails_own_database_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

    assert warnings_about_search() == ["involvement_pages.W001"]


def test_the_check_is_quiet_with_the_plugins_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "involvement_pages.search_backend"}}

    assert warnings_about_search() == []


@pytest.mark.skipif(connection.vendor == "sqlite", reason="another database's backend")
def test_other_databases_get_wagtails_backend_unchanged():
    backend = get_search_backend()

    assert not isinstance(backend, WordsOnly)
    assert list(backend.search('"', Page)) == []
