from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from involvement_pages.choices import Level
from tests.forms.factories import RegisterFormPageFactory
from tests.involvement_pages.factories import OpportunityPageFactory, SupportOptionFactory

pytestmark = pytest.mark.django_db

# 12, the footer's contact details (a site setting), and the join form's link (its view
# restrictions and the page)
MENU_QUERY_BOUND = 15
VIEWS = {
    "unfiltered": {},
    "filtered": {"level": "giving_views", "support": ["s0", "s1"], "page": "2"},
}


def add_opportunities(menu, support, count):
    levels = Level.values
    for n in range(count):
        OpportunityPageFactory(parent=menu, level=levels[n % 4], support=support[: n % 3 + 1])


def menu_queries(client, menu):
    # Warm Wagtail's site cache so both sizes are measured alike; the first request also
    # makes the footer's contact details, a change that passes over what was remembered.
    client.get(menu.url)
    client.get(menu.url)
    counts = {}
    for name, params in VIEWS.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(menu.url, params).status_code == 200
        counts[name] = len(queries)
    return counts


@pytest.fixture
def no_search_indexing(settings):
    """Building 1,000 pages is what this test waits on; the menu view never needs the index."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }


def test_menu_query_count_is_the_same_at_10_and_1000_opportunities(
    client, menu, no_search_indexing
):
    support = [SupportOptionFactory(slug=f"s{i}", name=f"Support {i}") for i in range(3)]
    join = RegisterFormPageFactory(parent=menu)
    add_opportunities(menu, support, 10)
    small = menu_queries(client, menu)
    add_opportunities(menu, support, 990)
    large = menu_queries(client, menu)

    assert small == large
    assert max(large.values()) <= MENU_QUERY_BOUND
    assert f'href="{join.url}"' in client.get(menu.url).content.decode()
