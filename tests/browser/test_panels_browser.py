import datetime
import re
from decimal import Decimal

from django.contrib.auth.models import Group, User

import pytest
from playwright.sync_api import expect

from involvement_pages.grants.models import ApplicationStatus, GrantsAwardedPage
from involvement_pages.panels.models import PanelKind
from tests.browser.conftest import assert_no_axe_violations
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    GrantRoundFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("staff_groups"),
]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer():
    user = User.objects.create_user("officer", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Involvement officers"))
    return user


def log_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_officer_sees_why_a_second_corporate_group_is_refused(live_server, browser, officer):
    person = PersonFactory(name="Ada Lovelace")
    council = PanelFactory(name="Customer Council", kind=PanelKind.CUSTOMER_COUNCIL, corporate=True)
    PanelFactory(name="Scrutiny Panel", kind=PanelKind.SCRUTINY_PANEL, corporate=True)
    MembershipFactory(person=person, panel=council, start_date=datetime.date(2025, 4, 1))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, officer)

    page.goto(live_server.url + "/admin/snippets/involvement_panels/membership/add/")
    page.get_by_role("button", name="Choose a person").click()
    modal = page.get_by_role("dialog")
    modal.get_by_label("Name, email or postcode").fill("Lovelace")
    modal.get_by_role("link", name="Ada Lovelace").click()
    page.get_by_role("button", name=re.compile("^Choose (a )?panel", re.IGNORECASE)).click()
    page.get_by_role("dialog").get_by_role("link", name="Scrutiny Panel").click()
    page.get_by_role("button", name="Save").click()

    message = page.get_by_text("A person can sit on only one corporate group at a time")
    expect(message).to_be_visible()
    expect(page.get_by_text("Ada Lovelace already sits on Customer Council")).to_be_visible()
    context.close()


@pytest.fixture
def grants_page(home):
    page = GrantsAwardedPage(title="Community grants", slug="grants", intro="Money for projects.")
    home.add_child(instance=page)
    today = datetime.date.today()
    chest = GrantRoundFactory(
        fund__name="Community Chest",
        fund__slug="community-chest",
        name="This year",
        opens=today - datetime.timedelta(days=30),
        closes=today + datetime.timedelta(days=30),
        budget=Decimal("5000"),
    )
    for project, amount in (("Summer fun day", "750"), ("Gardening tools", "250")):
        GrantApplicationFactory(
            round=chest,
            project=project,
            amount_requested=Decimal(amount),
            amount_awarded=Decimal(amount),
            status=ApplicationStatus.AWARDED,
            decision_date=today,
            published=True,
        )
    return page


def test_public_grants_page_has_no_axe_violations(live_server, browser_page, grants_page):
    browser_page.goto(live_server.url + grants_page.url)

    assert browser_page.get_by_role("heading", name="Community grants").is_visible()
    assert_no_axe_violations(browser_page)


def test_grants_page_filters_by_fund_without_javascript(live_server, browser, grants_page):
    GrantRoundFactory(fund__name="Diverse Community Fund", fund__slug="diverse")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + grants_page.url)

    page.get_by_label("Show grants from").select_option(label="Diverse Community Fund")
    page.get_by_role("button", name="Show grants").click()

    assert "fund=diverse" in page.url
    assert page.get_by_text("No grants have been published from Diverse Community Fund").count()
    assert page.get_by_text("Summer fun day").count() == 0
    context.close()
