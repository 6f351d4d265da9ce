import re

import pytest

from involvement_pages.choices import Level, OpportunityStatus
from involvement_pages.snippets import Audience, ParticipationFormat
from tests.involvement_pages.factories import (
    AreaFactory,
    OpportunityPageFactory,
    ServiceAreaFactory,
    SupportOptionFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [o.title for o in response.context["page_obj"].object_list]


@pytest.fixture
def childcare():
    return SupportOptionFactory(name="Childcare", slug="childcare", description="£7.00 an hour")


@pytest.fixture
def travel():
    return SupportOptionFactory(name="Travel expenses", slug="travel-expenses")


def test_menu_groups_opportunities_by_level_in_ladder_order(client, menu):
    OpportunityPageFactory(parent=menu, title="Board", level=Level.MAKING_DECISIONS)
    OpportunityPageFactory(parent=menu, title="Newsletter", level=Level.RECEIVING_INFORMATION)
    OpportunityPageFactory(parent=menu, title="Surveys", level=Level.GIVING_VIEWS)

    response = client.get(menu.url)

    assert response.status_code == 200
    html = response.content.decode()
    headings = [html.index(h) for h in ("Receiving information</h2>", "Giving views</h2>")]
    assert headings == sorted(headings)
    assert html.index(">Newsletter<") < html.index(">Surveys<") < html.index(">Board<")
    assert "<strong>3</strong> ways to get involved" in html


def test_closed_opportunities_are_left_out_and_full_ones_are_marked(client, menu):
    OpportunityPageFactory(parent=menu, title="Old forum", status=OpportunityStatus.CLOSED)
    OpportunityPageFactory(parent=menu, title="Scrutiny Panel", status=OpportunityStatus.FULL)

    response = client.get(menu.url)

    assert titles(response) == ["Scrutiny Panel"]
    assert "inv-tag--full" in response.content.decode()


def test_draft_opportunities_are_not_listed(client, menu):
    OpportunityPageFactory(parent=menu, title="Draft idea", live=False)
    assert titles(client.get(menu.url)) == []


def test_filter_by_level(client, menu):
    OpportunityPageFactory(parent=menu, title="Surveys", level=Level.GIVING_VIEWS)
    OpportunityPageFactory(parent=menu, title="Board", level=Level.MAKING_DECISIONS)

    response = client.get(menu.url, {"level": "giving_views"})

    assert titles(response) == ["Surveys"]
    assert 'value="giving_views" checked' in response.content.decode()


def test_support_filter_needs_every_ticked_support(client, menu, childcare, travel):
    OpportunityPageFactory(parent=menu, title="Both", support=[childcare, travel])
    OpportunityPageFactory(parent=menu, title="Only childcare", support=[childcare])

    assert titles(client.get(menu.url, {"support": ["childcare"]})) == ["Both", "Only childcare"]
    assert titles(client.get(menu.url, {"support": ["childcare", "travel-expenses"]})) == ["Both"]


def test_service_filter_matches_any_ticked_service_without_duplicates(client, menu):
    repairs = ServiceAreaFactory(slug="repairs", name="Repairs")
    rent = ServiceAreaFactory(slug="rent", name="Rent")
    OpportunityPageFactory(parent=menu, title="Repairs panel", service_areas=[repairs, rent])
    OpportunityPageFactory(parent=menu, title="Rent group", service_areas=[rent])
    OpportunityPageFactory(parent=menu, title="Newsletter")

    response = client.get(menu.url, {"service": ["repairs", "rent"]})

    assert titles(response) == ["Rent group", "Repairs panel"]


def test_area_filter_includes_opportunities_open_in_all_areas(client, menu):
    hartlepool = AreaFactory(slug="hartlepool", name="Hartlepool")
    stockton = AreaFactory(slug="stockton", name="Stockton-on-Tees")
    OpportunityPageFactory(parent=menu, title="Everywhere", all_areas=True)
    OpportunityPageFactory(
        parent=menu, title="Hartlepool panel", all_areas=False, areas=[hartlepool]
    )
    OpportunityPageFactory(parent=menu, title="Stockton panel", all_areas=False, areas=[stockton])

    assert titles(client.get(menu.url, {"area": "hartlepool"})) == [
        "Everywhere",
        "Hartlepool panel",
    ]


def test_format_and_audience_filters(client, menu):
    online = ParticipationFormat.objects.get(slug="online")
    young = Audience.objects.get(slug="young-people")
    OpportunityPageFactory(parent=menu, title="Young Voices", formats=[online], audiences=[young])
    OpportunityPageFactory(parent=menu, title="Estate walkabout")

    assert titles(client.get(menu.url, {"format": "online"})) == ["Young Voices"]
    assert titles(client.get(menu.url, {"who": "young-people"})) == ["Young Voices"]


def test_text_search_uses_wagtail_search(client, menu):
    OpportunityPageFactory(
        parent=menu, title="Editorial Panel", summary="Help write the newsletter."
    )
    OpportunityPageFactory(parent=menu, title="Estate inspections", summary="Walk your estate.")

    response = client.get(menu.url, {"q": "newsletter"})

    assert titles(response) == ["Editorial Panel"]
    assert 'value="newsletter"' in response.content.decode()


def test_no_results_says_so_and_offers_the_whole_list(client, menu):
    OpportunityPageFactory(parent=menu, title="Surveys", level=Level.GIVING_VIEWS)

    html = client.get(menu.url, {"level": "making_decisions"}).content.decode()

    assert "No ways to get involved match your choices." in html
    assert "see every way to get involved" in html


def filter_groups(html):
    """{group label: whether it starts open} for the filter groups in the page."""
    groups = re.findall(r'<details class="inv-filter-group"( open)?>\s*<summary>([^<]+)', html)
    return {label.strip(): bool(is_open) for is_open, label in groups}


def test_filters_fold_into_one_closed_panel_with_the_count_above(client, menu):
    OpportunityPageFactory(parent=menu, title="Surveys")

    html = client.get(menu.url).content.decode()

    assert '<details class="inv-filter-panel inv-filter-panel--sidebar" data-inv-open-wide>' in html
    assert "Filter ways to get involved" in html
    assert html.index("<strong>1</strong> way to get involved.") < html.index("<details")
    assert html.index('href="#results-list">Skip to results</a>') < html.index("<details")
    assert not any(filter_groups(html).values())
    assert "data-inv-focus-on-load" not in html


def test_filtering_reopens_the_panel_and_the_groups_with_choices(client, menu):
    OpportunityPageFactory(parent=menu, title="Surveys", commitment="one_off")

    html = client.get(menu.url, {"time": "one_off"}).content.decode()

    assert 'inv-filter-panel--sidebar" open data-inv-open-wide>' in html
    groups = filter_groups(html)
    assert groups.pop("Time you can give") is True
    assert len(groups) == 8
    assert not any(groups.values())


def test_filtering_lands_on_the_result_count(client, menu):
    OpportunityPageFactory(parent=menu, title="Surveys", commitment="one_off")

    html = client.get(menu.url, {"time": "one_off"}).content.decode()

    assert f'action="{menu.url}#results"' in html
    count = re.search(
        r'<p class="inv-result-count" id="results"([^>]*)>\s*<strong>1</strong>', html
    )
    assert count is not None
    assert 'tabindex="-1"' in count[1]
    assert "data-inv-focus-on-load" in count[1]
    assert "1</strong> way to get involved matches your choices." in html


@pytest.mark.parametrize(
    "query",
    [
        "level=not-a-level&support=nope&area=%00",
        "level=giving_views&level=giving_views",
        "page=abc",
        "page=999999",
        "page=-1",
        "q=%ff%fe",
        "q=%00%E2%80%AEevil",
        "q=" + "x" * 10_000,
        "q=<script>alert(1)</script>",
        "unknown=1&time=forever",
    ],
)
def test_bad_query_strings_never_fail(client, menu, query):
    OpportunityPageFactory(parent=menu, title="Surveys", level=Level.GIVING_VIEWS)

    response = client.get(f"{menu.url}?{query}")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_filter_values_are_ignored(client, menu):
    OpportunityPageFactory(parent=menu, title="Surveys")

    response = client.get(menu.url, {"level": "nonsense", "support": "nope"})

    assert titles(response) == ["Surveys"]
    assert not response.context["filters"].active


def test_pagination_keeps_filters_in_links(client, menu, settings):
    for n in range(30):
        OpportunityPageFactory(parent=menu, title=f"Group {n:02}", level=Level.GIVING_VIEWS)

    response = client.get(menu.url, {"level": "giving_views", "page": "2"})

    assert len(titles(response)) == 5
    assert "level=giving_views&amp;page=1" in response.content.decode()
    assert "Showing 26 to 30." in response.content.decode()


def test_opportunity_page_shows_what_it_asks_and_its_support(client, menu, childcare):
    page = OpportunityPageFactory(
        parent=menu,
        title="Scrutiny Panel",
        time_commitment="3-4 days a month",
        support=[childcare],
        contact_phone="01642 000 000",
    )

    html = client.get(page.url).content.decode()

    assert "3-4 days a month" in html
    assert "Support we offer" in html
    assert "Childcare</strong>: £7.00 an hour" in html
    assert "01642 000 000" in html


def test_full_opportunity_with_sign_up_page_offers_the_waiting_list(client, menu, home):
    form = OpportunityPageFactory(parent=menu, title="Stand-in form")
    page = OpportunityPageFactory(
        parent=menu, title="Scrutiny Panel", status=OpportunityStatus.FULL, sign_up_page=form
    )

    html = client.get(page.url).content.decode()

    assert "Join the waiting list" in html
    assert "This group is full" in html


def test_without_a_join_form_nothing_invites_residents_to_join(client, home, menu):
    survey = OpportunityPageFactory(parent=menu, how_to_join="<p>No need to sign up.</p>")

    for page in (home, menu, survey):
        html = client.get(page.url).content.decode()
        assert "inv-join-register" not in html
        assert "Hear about more ways to get involved" not in html
