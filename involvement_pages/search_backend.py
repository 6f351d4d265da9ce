"""Wagtail's database search backend, with typed searches cut to their words on SQLite.

On SQLite, Wagtail's backend puts each typed term in double quotes for FTS5 without
escaping a quote inside it, so a search for ``"`` is a syntax error and a 500 (Wagtail
issue #13227): on the admin's Forms list (``/admin/forms/?q=%22``), the pages list and
any host view that passes what was typed straight to ``.search()``. The plugin's own
searches clean their input already (``text.search_terms``); this backend does the same
for every typed search, so a host gets it by naming this module in
``WAGTAILSEARCH_BACKENDS``. PostgreSQL and MySQL get Wagtail's backend unchanged.
"""

import functools

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_backend

from .text import search_terms


class WordsOnly:
    """Searches a typed query by its words; query objects (phrases, filters) as given.

    A query with no words left (only punctuation) matches nothing, as an empty one does.
    """

    def search(self, query, *args, **kwargs):
        return super().search(words(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(words(query), *args, **kwargs)


def words(query):
    return search_terms(query) if isinstance(query, str) else query


@functools.cache
def words_only(backend_class):
    # Built from the class Wagtail chose rather than imported: the SQLite backend's module
    # cannot be imported on another database (it names a model only SQLite has).
    return type(f"WordsOnly{backend_class.__name__}", (WordsOnly, backend_class), {})


def SearchBackend(params):
    """The backend Wagtail's ``database`` setting would give, cleaning searches on SQLite.

    Wagtail loads a backend module by this name.
    """
    backend = database_backend(params)
    if connection.vendor != "sqlite":
        return backend
    return words_only(type(backend))(params)
