import pytest

from involvement_pages.choices import Level
from tests.browser.conftest import assert_no_axe_violations
from tests.involvement_pages.factories import OpportunityPageFactory, SupportOptionFactory


@pytest.fixture
def menu_with_opportunities(menu):
    childcare = SupportOptionFactory(
        slug="childcare", name="Childcare", description="Paid at £7.00 an hour"
    )
    travel = SupportOptionFactory(slug="travel-expenses", name="Travel expenses")
    OpportunityPageFactory(
        parent=menu,
        title="Home Consultation Panel",
        level=Level.GIVING_VIEWS,
        summary="Give your views on new ideas by post or phone.",
        support=[childcare, travel],
        time_commitment="Two or three surveys a year",
    )
    OpportunityPageFactory(
        parent=menu, title="Mystery Shopping", level=Level.GIVING_VIEWS, support=[travel]
    )
    OpportunityPageFactory(
        parent=menu, title="Customer Council", level=Level.MAKING_DECISIONS, support=[childcare]
    )
    return menu


def test_resident_filters_menu_and_sees_support(live_server, browser_page, menu_with_opportunities):
    page = browser_page
    page.goto(live_server.url + menu_with_opportunities.url)

    page.get_by_role("checkbox", name="Giving views").check()
    page.get_by_role("checkbox", name="Childcare").check()
    page.get_by_role("button", name="Show ways to get involved").click()

    assert page.get_by_role("status").inner_text().startswith("1 way to get involved")
    assert page.get_by_role("link", name="Mystery Shopping").count() == 0
    assert page.get_by_role("link", name="Customer Council").count() == 0
    page.get_by_role("link", name="Home Consultation Panel").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Home Consultation Panel"
    support = page.get_by_role("region", name="Support we offer")
    assert "Childcare: Paid at £7.00 an hour" in support.inner_text()
    assert "Two or three surveys a year" in page.content()


def test_filters_work_without_javascript(live_server, browser, menu_with_opportunities):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + menu_with_opportunities.url)
    page.get_by_role("checkbox", name="Making decisions").check()
    page.get_by_role("button", name="Show ways to get involved").click()

    assert "level=making_decisions" in page.url
    assert page.get_by_role("link", name="Customer Council").is_visible()
    context.close()


@pytest.mark.parametrize("which", ["home", "menu", "opportunity"])
def test_public_pages_have_no_axe_violations(
    live_server, browser_page, home, menu_with_opportunities, which
):
    url = {
        "home": home.url,
        "menu": menu_with_opportunities.url + "?level=giving_views",
        "opportunity": menu_with_opportunities.get_children().first().url,
    }[which]
    browser_page.goto(live_server.url + url)
    assert_no_axe_violations(browser_page)


def test_printed_menu_is_a_leaflet_without_filters_or_navigation(
    live_server, browser_page, menu_with_opportunities
):
    page = browser_page
    page.goto(live_server.url + menu_with_opportunities.url)
    assert page.get_by_role("link", name="Site map (XML)").is_visible()
    page.emulate_media(media="print")

    assert not page.get_by_role("link", name="Site map (XML)").is_visible()
    assert not page.get_by_role("search", name="Filter the list").is_visible()
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_role("link", name="Customer Council").is_visible()
