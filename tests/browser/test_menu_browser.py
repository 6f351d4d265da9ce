import pytest

from involvement_pages.choices import Commitment, Level
from tests.browser.conftest import assert_no_axe_violations
from tests.involvement_pages.factories import (
    AreaFactory,
    OpportunityPageFactory,
    ServiceAreaFactory,
    SupportOptionFactory,
)

PHONE = {"width": 320, "height": 640}  # the narrowest screen WCAG's reflow asks for


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


@pytest.fixture
def menu_with_many_ways(menu):
    """A menu the size of a landlord group's: every level, many kinds of support, places
    and services, and three one-off ways among many that take longer."""
    support = [
        SupportOptionFactory(slug=slug, name=name)
        for slug, name in [
            ("childcare", "Childcare costs"),
            ("travel-expenses", "Travel expenses"),
            ("large-print", "Large print"),
            ("interpreters", "Interpreters"),
            ("getting-online", "Help getting online"),
            ("carer-cover", "Cover for someone you care for"),
        ]
    ]
    areas = [
        AreaFactory(name=name)
        for name in ("Hartlepool", "Middlesbrough", "Stockton-on-Tees", "Redcar")
    ]
    services = [
        ServiceAreaFactory(name=name)
        for name in ("Repairs", "Rent and money", "Estates and gardens", "Anti-social behaviour")
    ]
    for number in range(18):
        OpportunityPageFactory(
            parent=menu,
            title=f"Residents' group {number + 1}",
            level=Level.values[number % len(Level.values)],
            commitment=Commitment.REGULAR if number % 2 else Commitment.OCCASIONAL,
            support=support[number % 3 :: 3],
            all_areas=False,
            areas=areas[number % 2 :: 2],
            service_areas=services[: number % 4 + 1],
        )
    for title in ("Estate walkabout", "Street party survey", "Test our new website"):
        OpportunityPageFactory(
            parent=menu, title=title, level=Level.GIVING_VIEWS, commitment=Commitment.ONE_OFF
        )
    return menu


class CountingKeyboard:
    """Tab, Space and Enter, pressed as a keyboard-only resident would, and counted."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def press(self, key):
        assert key in ("Tab", "Space", "Enter")
        self.page.keyboard.press(key)
        self.presses += 1

    def tab_to(self, locator, limit=120):
        for _ in range(limit):
            self.press("Tab")
            if has_focus(locator):
                return
        raise AssertionError(f"{locator} cannot be reached with the Tab key")

    def open_disclosure(self, summary):
        """Tab to a <details> element's summary and open it, unless it is open already."""
        self.tab_to(summary)
        if not summary.evaluate("summary => summary.parentElement.open"):
            self.press("Enter")


def has_focus(locator):
    return locator.evaluate("element => element === document.activeElement")


def is_in_viewport(locator):
    return locator.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }"""
    )


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def open_filters(page, *groups):
    """Unfold the filters and the groups named, as a resident clicking them would."""
    for label in ("Filter ways to get involved", *groups):
        page.locator("summary", has_text=label).click()


def test_resident_filters_menu_and_sees_support(live_server, browser_page, menu_with_opportunities):
    page = browser_page
    page.goto(live_server.url + menu_with_opportunities.url)

    open_filters(page, "Level of involvement", "Support you need")
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
    assert not page.get_by_role("search", name="Filter the list").is_visible()

    open_filters(page, "Level of involvement")
    page.get_by_role("checkbox", name="Making decisions").check()
    page.get_by_role("button", name="Show ways to get involved").click()

    assert "level=making_decisions" in page.url
    assert page.url.endswith("#results")
    assert has_focus(page.get_by_role("status"))  # a focusable target of the address
    assert page.get_by_role("link", name="Customer Council").is_visible()
    assert page.get_by_role("checkbox", name="Making decisions").is_visible()
    context.close()


def test_a_keyboard_user_finds_a_one_off_way_in_few_key_presses(
    live_server, browser, menu_with_many_ways
):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + menu_with_many_ways.url)
    keyboard = CountingKeyboard(page)

    keyboard.open_disclosure(page.locator("summary", has_text="Filter ways to get involved"))
    keyboard.open_disclosure(page.locator("summary", has_text="Time you can give"))
    keyboard.tab_to(page.get_by_role("checkbox", name="One-off"))
    keyboard.press("Space")
    keyboard.tab_to(page.get_by_role("button", name="Show ways to get involved"))
    with page.expect_navigation():
        keyboard.press("Enter")

    count = page.get_by_role("status")
    assert count.inner_text() == "3 ways to get involved match your choices."
    assert has_focus(count)
    assert is_in_viewport(count)
    keyboard.tab_to(page.get_by_role("link", name="Skip to results"))
    keyboard.press("Enter")
    first_result = page.get_by_role("link", name="Estate walkabout")
    keyboard.tab_to(first_result)
    assert is_in_viewport(first_result)
    # Before the filters folded away this took 53 presses, using the skip link.
    assert keyboard.presses < 50, keyboard.presses
    assert scroll_width(page) <= PHONE["width"]
    assert_no_axe_violations(page)
    page.context.close()


def test_a_phone_shows_the_count_and_results_before_the_filters(
    live_server, browser, menu_with_many_ways
):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + menu_with_many_ways.url)

    assert page.get_by_role("status").inner_text().startswith("21 ways to get involved")
    skip_link = page.get_by_role("link", name="Skip to results")
    assert is_in_viewport(skip_link)
    assert not page.get_by_role("search", name="Filter the list").is_visible()
    first_result = page.locator(".inv-card a").first
    assert first_result.bounding_box()["y"] < 2 * PHONE["height"]
    assert scroll_width(page) <= PHONE["width"]

    skip_link.click()
    assert is_in_viewport(first_result)
    page.keyboard.press("Tab")
    assert has_focus(first_result)
    assert_no_axe_violations(page)
    page.context.close()


def test_choices_made_stay_in_view_and_other_groups_stay_folded(
    live_server, browser, menu_with_many_ways
):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + menu_with_many_ways.url + "?time=one_off&support=childcare")

    assert page.get_by_role("checkbox", name="One-off").is_checked()
    assert page.get_by_role("checkbox", name="Regular").is_visible()
    assert page.get_by_role("checkbox", name="Childcare costs").is_visible()
    assert page.get_by_role("checkbox", name="Giving views").is_hidden()
    assert page.get_by_role("checkbox", name="Hartlepool").is_hidden()
    page.context.close()


def test_filters_sit_open_beside_the_results_on_a_wide_screen(
    live_server, browser, menu_with_many_ways
):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + menu_with_many_ways.url)

    filters = page.get_by_role("search", name="Filter the list")
    first_result = page.locator(".inv-card a").first
    assert filters.is_visible()
    assert filters.bounding_box()["x"] < first_result.bounding_box()["x"]
    assert is_in_viewport(first_result)
    assert_no_axe_violations(page)
    page.context.close()


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
    assert not page.get_by_role("link", name="Skip to results").is_visible()
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_role("link", name="Customer Council").is_visible()
