"""The public "You said, we did" page and each change's own page, as residents see them."""

import datetime
import html

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from involvement_pages.outcomes.models import OUTCOMES_PAGE_SIZE
from tests.involvement_pages.factories import OpportunityPageFactory, ServiceAreaFactory
from tests.involvement_pages.outcomes.factories import OutcomeFactory
from tests.involvement_pages.panels.factories import PanelFactory

pytestmark = pytest.mark.django_db

# Wagtail's site, routing and view restrictions take 6 and the footer's contact details (a
# site setting) 1; the filter options, the count, the page of outcomes and the years 4.
OUTCOMES_PAGE_QUERY_BOUND = 11


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def repairs():
    return ServiceAreaFactory(name="Repairs and maintenance", slug="repairs")


@pytest.fixture
def leasehold():
    return ServiceAreaFactory(name="Leasehold and shared ownership", slug="leasehold")


@pytest.fixture
def forum():
    return PanelFactory(name="Leaseholder Forum", slug="leaseholder-forum")


@pytest.fixture
def council():
    return PanelFactory(name="Customer Council", slug="customer-council")


def test_published_outcomes_are_listed_newest_first_with_both_halves(client, outcomes_page):
    OutcomeFactory(title="Older change", date=datetime.date(2025, 5, 1))
    OutcomeFactory(
        title="Women-only taxis",
        said="Women asked for a woman driver.",
        did="We offer a women-only taxi on request.",
        date=datetime.date(2026, 2, 1),
    )

    page = get(client, outcomes_page.url)

    assert page.index("Women-only taxis") < page.index("Older change")
    assert "Women asked for a woman driver." in page
    assert "We offer a women-only taxi on request." in page
    assert "<strong>2</strong> changes made because residents asked." in page


def test_unpublished_outcomes_are_neither_listed_nor_counted_nor_reachable(client, outcomes_page):
    OutcomeFactory(title="Shown change", date=datetime.date(2025, 5, 1))
    hidden = OutcomeFactory(title="Draft change", date=datetime.date(2024, 5, 1), published=False)

    page = get(client, outcomes_page.url)

    assert "Draft change" not in page
    assert "2024/25" not in page
    assert client.get(f"{outcomes_page.url}{hidden.pk}/").status_code == 404


def test_counts_per_financial_year_are_shown_newest_first(client, outcomes_page):
    for day in ["2025-04-01", "2026-03-31", "2026-04-01"]:
        OutcomeFactory(date=datetime.date.fromisoformat(day))

    page = get(client, outcomes_page.url)

    assert '<th scope="row">2026/27</th><td class="inv-numeric">1</td>' in page
    assert '<th scope="row">2025/26</th><td class="inv-numeric">2</td>' in page
    assert page.index("2026/27") < page.index("2025/26")


def test_filtering_by_service_shows_only_that_service_and_counts_it(
    client, outcomes_page, repairs, leasehold
):
    OutcomeFactory(title="Repairs change", service_area=repairs, date=datetime.date(2025, 5, 1))
    OutcomeFactory(title="Leasehold change", service_area=leasehold, date=datetime.date(2024, 5, 1))

    page = get(client, outcomes_page.url, service="repairs")

    assert "Repairs change" in page
    assert "Leasehold change" not in page
    assert "<strong>1</strong> change matches your choices." in page
    assert "2024/25" not in page
    assert 'value="repairs" checked' in page


def test_filtering_by_group_shows_only_what_that_group_asked_for(
    client, outcomes_page, forum, council
):
    OutcomeFactory(title="Insurance choice", panel=forum)
    OutcomeFactory(title="Expenses policy", panel=council)

    page = get(client, outcomes_page.url, group="leaseholder-forum")

    assert "Insurance choice" in page
    assert "Expenses policy" not in page


def test_only_services_and_groups_with_published_changes_are_offered(
    client, outcomes_page, repairs, leasehold, forum, council
):
    OutcomeFactory(service_area=repairs, panel=forum)
    OutcomeFactory(service_area=leasehold, panel=council, published=False)

    page = get(client, outcomes_page.url)

    assert 'value="repairs"' in page
    assert 'value="leaseholder-forum"' in page
    assert 'value="leasehold"' not in page
    assert 'value="customer-council"' not in page


def test_search_finds_words_in_what_was_said_or_done(client, outcomes_page):
    OutcomeFactory(title="Taxis", said="Women asked for a woman driver.")
    OutcomeFactory(title="Kitchens", did="Customers chose the kitchen units.")

    page = get(client, outcomes_page.url, q="driver")

    assert "Taxis" in page
    assert "Kitchens" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"service": "no-such-service"},
        {"group": ["leaseholder-forum", "no-such-group"]},
        {"group": "\x00<script>alert(1)</script>"},
        {"page": "999999"},
        {"page": "abc"},
        {"page": "-1"},
        {"q": '"council" AND (NOT *' + "x" * 3000},
        {"year": "99999", "month": "13"},
    ],
)
def test_odd_query_strings_still_show_a_sensible_list(client, outcomes_page, forum, params):
    OutcomeFactory(title="Insurance choice", panel=forum)

    page = get(client, outcomes_page.url, **params)

    assert "<script>alert" not in page
    if "q" not in params:
        assert "Insurance choice" in page


def test_invalid_percent_escapes_do_not_break_the_page(client, outcomes_page):
    OutcomeFactory(title="Insurance choice")

    response = client.get(outcomes_page.url + "?service=%ff%fe&group=%c3%28")

    assert response.status_code == 200


def test_html_typed_into_an_outcome_is_shown_as_text(client, outcomes_page):
    OutcomeFactory(title="<b>Bold</b>", said="<script>alert(1)</script>")

    response = client.get(outcomes_page.url)

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_many_outcomes_are_paged_keeping_the_choices(client, outcomes_page, repairs):
    for n in range(OUTCOMES_PAGE_SIZE + 1):
        OutcomeFactory(title=f"Change {n:02d}", service_area=repairs)

    first = get(client, outcomes_page.url, service="repairs")
    second = get(client, outcomes_page.url, service="repairs", page="2")

    assert f"Showing 1 to {OUTCOMES_PAGE_SIZE}, newest first." in first
    assert 'href="?service=repairs&page=2"' in first
    assert f"Showing {OUTCOMES_PAGE_SIZE + 1} to {OUTCOMES_PAGE_SIZE + 1}" in second


def test_the_page_says_so_before_anything_is_published(client, outcomes_page):
    assert "No changes have been published yet." in get(client, outcomes_page.url)


# Each change's own page ---------------------------------------------------------------


def test_each_change_has_its_own_page_with_evidence_and_where_it_came_from(
    client, outcomes_page, menu, forum
):
    activity = OpportunityPageFactory(parent=menu, title="Contractor and product selection")
    outcome = OutcomeFactory(
        title="Leasehold insurance",
        panel=forum,
        opportunity=activity,
        evidence_url="https://thirteen.example/reports/insurance",
        date=datetime.date(2026, 1, 15),
    )

    listing = get(client, outcomes_page.url)
    page = get(client, f"{outcomes_page.url}{outcome.pk}/")

    assert f'href="{outcomes_page.url}{outcome.pk}/"' in listing
    assert f'id="outcome-{outcome.pk}"' in listing
    assert '<h1 class="inv-heading-xl">Leasehold insurance</h1>' in page
    assert "15 January 2026 (counted in 2025/26)" in page
    assert "Leaseholder Forum" in page
    assert f'<a href="{activity.url}">Contractor and product selection</a>' in page
    assert 'href="https://thirteen.example/reports/insurance"' in page
    assert f'<a href="{outcomes_page.url}">You said, we did</a>' in page


@pytest.mark.parametrize("tail", ["999999/", "abc/", "99999999999999999999999/", "0/"])
def test_an_address_that_is_no_published_change_is_not_found(client, outcomes_page, tail):
    OutcomeFactory()

    assert client.get(outcomes_page.url + tail).status_code == 404


# Queries --------------------------------------------------------------------------------


def page_queries(client, url, **params):
    client.get(url, params)  # warm Wagtail's site cache so both sizes are measured alike
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"service": "repairs", "group": "leaseholder-forum"}])
def test_the_list_costs_the_same_queries_for_few_or_many_outcomes(
    client, outcomes_page, menu, repairs, forum, params
):
    def add(count):
        for n in range(count):
            activity = OpportunityPageFactory(parent=menu) if n % 2 else None
            OutcomeFactory(
                service_area=repairs if n % 3 else ServiceAreaFactory(),
                panel=forum if n % 2 else PanelFactory(),
                opportunity=activity,
                date=datetime.date(2020 + n % 6, n % 12 + 1, 1),
            )

    add(3)
    small = page_queries(client, outcomes_page.url, **params)
    add(40)
    large = page_queries(client, outcomes_page.url, **params)

    assert small == large
    assert large <= OUTCOMES_PAGE_QUERY_BOUND


def test_a_change_s_page_costs_the_same_queries_whatever_it_links_to(
    client, outcomes_page, menu, forum
):
    bare = OutcomeFactory(panel=forum)
    activity = OpportunityPageFactory(parent=menu)
    forum.opportunity = OpportunityPageFactory(parent=menu)
    forum.save()
    linked = OutcomeFactory(panel=forum, opportunity=activity, evidence_url="https://x.example/")

    assert page_queries(client, f"{outcomes_page.url}{bare.pk}/") == page_queries(
        client, f"{outcomes_page.url}{linked.pk}/"
    )


def test_the_years_say_when_they_start(client, outcomes_page, settings):
    OutcomeFactory(date=datetime.date(2026, 3, 31))

    financial = get(client, outcomes_page.url)
    settings.INVOLVEMENT_YEAR_START_MONTH = 1
    calendar = get(client, outcomes_page.url)

    assert "by financial year (April to March)." in financial
    assert '<th scope="row">2025/26</th>' in financial
    assert "Every published change, by year." in calendar
    assert '<th scope="row">2026</th>' in calendar


def test_the_sitemap_lists_each_published_change(client, outcomes_page):
    shown = OutcomeFactory()
    hidden = OutcomeFactory(published=False)

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"/you-said-we-did/{shown.pk}/</loc>" in sitemap
    assert f"/you-said-we-did/{hidden.pk}/</loc>" not in sitemap
    assert "/you-said-we-did/</loc>" in sitemap
