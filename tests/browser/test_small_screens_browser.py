"""The narrowest screen WCAG's reflow asks for, 320px: nothing on the demo site scrolls
sideways, with every fold open and after a form comes back with errors; the grants
page's tables fold into lists."""

import datetime
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.test import override_settings

import pytest

from cms_site.models import HomePage
from forms.models import RegisterFormPage, SignUpFormPage
from involvement_pages.calendar.models import CalendarPage, EventPage
from involvement_pages.grants.models import ApplyForFundingPage, GrantsAwardedPage
from involvement_pages.models import InvolvementMenuPage, OpportunityPage
from involvement_pages.outcomes.models import Outcome, YouSaidWeDidPage
from tests.browser.conftest import assert_no_axe_violations
from tests.involvement_pages.grants.test_grants_page import (
    TODAY,
    GrantsAwardedPageFactory,
    award,
)
from tests.involvement_pages.panels.factories import GrantRoundFactory

PHONE = {"width": 320, "height": 640}

# What sticks out past the right edge: the outermost elements that do, to say where.
OVERFLOW = """() => {
    const edge = document.documentElement.clientWidth;
    const width = document.documentElement.scrollWidth;
    if (width <= edge) return null;
    const sticksOut = element => element.getBoundingClientRect().right > edge + 0.5;
    const culprits = [...document.body.querySelectorAll("*")]
        .filter(element => sticksOut(element) && !sticksOut(element.parentElement))
        .map(element => `${element.tagName.toLowerCase()}.${element.className}`);
    return {width, culprits: culprits.slice(0, 5)};
}"""


@pytest.fixture
def demo(live_server):
    """The demo site, as `make run` serves it."""
    quiet_search = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=quiet_search):
        call_command("load_demo", stdout=StringIO())


def first_url(model):
    return model.objects.live().order_by("path").first().url


def demo_pages():
    """One page of each kind, the calendar in each view, a menu with choices made."""
    menu = first_url(InvolvementMenuPage)
    calendar = first_url(CalendarPage)
    return {
        "home": first_url(HomePage),
        "menu": menu,
        "menu filtered": menu + "?time=one_off&support=childcare",
        "opportunity": first_url(OpportunityPage),
        "calendar list": calendar,
        "calendar month": calendar + "month/",
        "calendar year": calendar + "year/",
        "event": first_url(EventPage),
        "join form": first_url(RegisterFormPage),
        "sign-up form": first_url(SignUpFormPage),
        "grants": first_url(GrantsAwardedPage),
        "apply for funding": first_url(ApplyForFundingPage),
        "you said, we did": first_url(YouSaidWeDidPage) + "?service=customer-involvement",
        "a change we made": first_url(YouSaidWeDidPage)
        + str(Outcome.objects.published().values_list("pk", flat=True).first())
        + "/",
        "search": "/search/?q=panel",
        "page not found": "/no-such-page/",
    }


def overflow(page):
    """How the page overflows 320px, first as it loads, then with every <details> open."""
    closed = page.evaluate(OVERFLOW)
    page.evaluate("document.querySelectorAll('details').forEach(details => details.open = true)")
    return closed or page.evaluate(OVERFLOW)


def test_no_demo_page_scrolls_sideways_on_a_320px_screen(live_server, browser, demo):
    page = browser.new_context(viewport=PHONE).new_page()
    overflowing = {}
    for name, url in demo_pages().items():
        page.goto(live_server.url + url)
        if found := overflow(page):
            overflowing[name] = found
        if name.endswith("form"):
            page.get_by_role("main").locator("button[type=submit]").last.click()
            page.get_by_role("alert").wait_for()
            if found := overflow(page):
                overflowing[f"{name} with errors"] = found

    assert overflowing == {}
    page.context.close()


@pytest.fixture
def grants_with_long_names(home):
    """Awards with names as long as a landlord's real ones, which once widened the page."""
    grants = GrantsAwardedPageFactory(parent=home)
    grant_round = GrantRoundFactory(
        fund__name="Community funding (participatory budgeting)",
        fund__slug="participatory-budgeting",
        name="2025/26",
        opens=TODAY - datetime.timedelta(days=200),
        closes=TODAY - datetime.timedelta(days=100),
        budget=Decimal("20000"),
    )
    award(
        grant_round,
        Decimal("4000"),
        project="Lighting on the Elm Court path",
        applicant_name="Elm Court Tenants' and Residents' Association",
    )
    return grants


def cells_of(page, project):
    """The project, group and amount cells of an award's row."""
    row = page.get_by_role("row", name=project)
    return [row.locator("th, td").nth(n) for n in range(3)]


def test_the_grants_page_folds_its_table_on_a_320px_screen(
    live_server, browser, grants_with_long_names
):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + grants_with_long_names.url)

    assert page.evaluate(OVERFLOW) is None
    project, group, amount = cells_of(page, "Lighting on the Elm Court path")
    assert project.bounding_box()["y"] < group.bounding_box()["y"] < amount.bounding_box()["y"]
    assert amount.get_by_text("Amount", exact=True).is_visible()
    # Column headers stay for screen readers, hidden from sight.
    assert page.get_by_role("columnheader", name="Amount").bounding_box()["width"] <= 1
    assert_no_axe_violations(page)
    page.context.close()


def test_the_grants_page_keeps_its_table_on_a_wide_screen(
    live_server, browser, grants_with_long_names
):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + grants_with_long_names.url)

    project, _group, amount = cells_of(page, "Lighting on the Elm Court path")
    assert page.get_by_role("columnheader", name="Amount").bounding_box()["width"] > 1
    assert project.bounding_box()["y"] == amount.bounding_box()["y"]
    assert not amount.get_by_text("Amount", exact=True).is_visible()
    page.context.close()
