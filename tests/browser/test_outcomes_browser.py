"""The "You said, we did" page in a real browser: axe-clean, and usable at 320px with
the filters open, chosen without JavaScript, and on a change's own page."""

import datetime

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_small_screens_browser import OVERFLOW, overflow
from tests.involvement_pages.factories import OpportunityPageFactory, ServiceAreaFactory
from tests.involvement_pages.outcomes.factories import OutcomeFactory, YouSaidWeDidPageFactory
from tests.involvement_pages.panels.factories import PanelFactory

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def outcomes_page(home, menu):
    page = YouSaidWeDidPageFactory(parent=home)
    repairs = ServiceAreaFactory(name="Home improvements and investment", slug="improvements")
    leasehold = ServiceAreaFactory(name="Leasehold and shared ownership", slug="leasehold")
    forum = PanelFactory(name="Leaseholder and Homeowner Forum", slug="leaseholder-forum")
    activity = OpportunityPageFactory(parent=menu, title="Contractor and product selection")
    OutcomeFactory(
        title="Residents choose kitchens and showers",
        said="Tenants asked for a say in the kitchens and showers fitted in their homes.",
        did="Customers now help choose the shower and kitchen products we fit. 97% of "
        "customers were satisfied with their home improvements.",
        service_area=repairs,
        panel=None,
        opportunity=activity,
        evidence_url="https://thirteen.example/reports/home-improvements-satisfaction-2026",
        date=datetime.date(2026, 1, 10),
    )
    OutcomeFactory(
        title="Leaseholders choose the building insurer",
        said="Leaseholders asked for a say in who insures their buildings.",
        did="Leaseholders helped select the leasehold insurance company.",
        service_area=leasehold,
        panel=forum,
        date=datetime.date(2025, 3, 10),
    )
    return page


def test_the_page_filters_without_javascript_on_a_320px_screen(live_server, browser, outcomes_page):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + outcomes_page.url)

    assert page.evaluate(OVERFLOW) is None
    page.get_by_text("Filter the changes").click()
    page.get_by_label("Leasehold and shared ownership").check()
    page.get_by_role("button", name="Show changes").click()

    assert "service=leasehold" in page.url
    assert page.get_by_text("1 change matches your choices.").is_visible()
    assert page.get_by_role("link", name="Leaseholders choose the building insurer").is_visible()
    assert page.get_by_text("Residents choose kitchens and showers").count() == 0
    assert overflow(page) is None
    context.close()


def test_the_list_and_a_change_s_page_are_axe_clean_at_320px(live_server, browser, outcomes_page):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + outcomes_page.url + "?service=improvements")

    assert page.get_by_role("row", name="2025/26 1").is_visible()
    assert overflow(page) is None  # with the filters and every fold open
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Residents choose kitchens and showers").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Residents choose kitchens and showers"
    )
    assert page.get_by_role("link", name="Contractor and product selection").is_visible()
    assert page.evaluate(OVERFLOW) is None
    assert_no_axe_violations(page)
    context.close()
