"""The public grants page and "Apply for funding" pages, as residents see them."""

import datetime
import html
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import wagtail_factories

from involvement_pages.grants.models import (
    ApplicationStatus,
    ApplyForFundingPage,
    GrantsAwardedPage,
)
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    GrantFundFactory,
    GrantRoundFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
# Wagtail's routing, view restrictions and page URLs take 9; funds, money, apply pages and
# awards 5.
GRANTS_PAGE_QUERY_BOUND = 15  # 14, and the footer's contact details (a site setting)


class GrantsAwardedPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GrantsAwardedPage

    title = "Community grants"
    slug = "grants"


class ApplyForFundingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ApplyForFundingPage

    title = "Apply to the Community Chest"
    slug = "apply-community-chest"


@pytest.fixture
def grants_page(home):
    return GrantsAwardedPageFactory(parent=home)


@pytest.fixture
def chest():
    """This year's Community Chest: £5,000, open for applications today."""
    return GrantRoundFactory(
        fund__name="Community Chest",
        fund__slug="community-chest",
        name="This year",
        opens=TODAY - datetime.timedelta(days=60),
        closes=TODAY + datetime.timedelta(days=60),
        budget=Decimal("5000"),
    )


def award(grant_round, amount, **fields):
    fields = {"published": True, "decision_date": TODAY, **fields}
    return GrantApplicationFactory(
        round=grant_round,
        amount_requested=amount,
        amount_awarded=amount,
        status=ApplicationStatus.AWARDED,
        **fields,
    )


def get(client, wagtail_page, **params):
    response = client.get(wagtail_page.url, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_grants_page_lists_published_awards_with_amounts_and_what_is_left(
    client, grants_page, chest
):
    award(chest, Decimal("750"), applicant_name="Ayresome Gardens TARA", project="Summer fun day")

    page = get(client, grants_page)

    assert "Summer fun day" in page
    assert "Ayresome Gardens TARA" in page
    assert "£750" in page
    assert "Community Chest: This year" in page
    assert "£4,250" in page  # left


def test_unpublished_awards_count_in_the_totals_but_are_not_listed(client, grants_page, chest):
    award(chest, Decimal("1000"), project="Private award", published=False)

    page = get(client, grants_page)

    assert "Private award" not in page
    assert "£4,000" in page
    assert "No grants have been published yet." in page


def test_declined_and_pending_applications_are_never_listed(client, grants_page, chest):
    GrantApplicationFactory(
        round=chest,
        project="Declined bid",
        status=ApplicationStatus.DECLINED,
        decision_date=TODAY,
    )
    GrantApplicationFactory(round=chest, project="Pending bid")

    page = get(client, grants_page)

    assert "Declined bid" not in page
    assert "Pending bid" not in page


def test_a_person_applying_is_never_named(client, grants_page, chest):
    person = PersonFactory(name="Private Resident")
    award(chest, Decimal("200"), applicant_name="", applicant_person=person, project="Bench")

    page = get(client, grants_page)

    assert "Bench" in page
    assert "A resident" in page
    assert "Private Resident" not in page


def test_grants_page_shows_one_fund_when_asked(client, grants_page, chest):
    other = GrantRoundFactory(fund__name="Diverse Community Fund", fund__slug="diverse")
    award(chest, Decimal("100"), project="Chest project")
    award(other, Decimal("100"), project="Diverse project", decision_date=other.opens)

    page = get(client, grants_page, fund="diverse")

    assert "Diverse project" in page
    assert "Chest project" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"fund": "no-such-fund"},
        {"page": "999999"},
        {"page": "abc"},
        {"fund": ["community-chest", "x"]},
        {"fund": "\x00<script>"},
    ],
)
def test_odd_query_strings_still_show_the_page(client, grants_page, chest, params):
    award(chest, Decimal("100"), project="Chest project")

    assert "Chest project" in get(client, grants_page, **params)


def test_grants_page_pages_through_many_awards_keeping_the_fund(client, grants_page, chest):
    for n in range(51):
        award(chest, Decimal("10"), project=f"Project {n:02d}")

    first = get(client, grants_page, fund="community-chest")
    second = get(client, grants_page, fund="community-chest", page="2")

    assert "<strong>51</strong> grants awarded from Community Chest. Showing 1 to 50." in first
    assert 'href="?fund=community-chest&page=2"' in first
    assert "Showing 51 to 51." in second


def test_grants_page_works_before_any_fund_exists(client, grants_page):
    assert "No grants have been published yet." in get(client, grants_page)


def test_a_round_with_carry_over_shows_it(client, grants_page):
    fund = GrantFundFactory(name="Community funding", budget_period="round", carry_over=True)
    spring = GrantRoundFactory(
        fund=fund,
        name="Spring",
        opens=TODAY - datetime.timedelta(days=200),
        closes=TODAY - datetime.timedelta(days=150),
        budget=Decimal("1000"),
    )
    GrantRoundFactory(
        fund=fund,
        name="Autumn",
        opens=TODAY - datetime.timedelta(days=10),
        closes=TODAY + datetime.timedelta(days=10),
        budget=Decimal("1000"),
    )
    award(spring, Decimal("600"), decision_date=spring.closes)

    page = get(client, grants_page)

    assert "plus £400 carried over" in page
    assert "£1,400" in page


def test_grants_page_query_count_does_not_grow_with_awards_or_funds(client, grants_page, chest):
    def count():
        client.get(grants_page.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(grants_page.url).status_code == 200
        return len(queries)

    for _ in range(5):
        award(chest, Decimal("10"))
    ApplyForFundingPageFactory(parent=grants_page, fund=chest.fund)
    small = count()
    for n in range(45):
        other = GrantRoundFactory(fund__name=f"Fund {n}", fund__slug=f"fund-x{n}")
        award(other, Decimal("10"), decision_date=other.opens)
        ApplyForFundingPageFactory(parent=grants_page, fund=other.fund, slug=f"apply-{n}")
    large = count()

    assert small == large
    assert large <= GRANTS_PAGE_QUERY_BOUND


# Apply for funding ----------------------------------------------------------------------


@pytest.fixture
def form_page(home):
    return wagtail_factories.PageFactory(parent=home, title="Grant application form", slug="form")


def test_apply_page_of_an_open_fund_links_to_its_form(client, grants_page, chest, form_page):
    chest.fund.application_form = form_page
    chest.fund.save()
    apply_page = ApplyForFundingPageFactory(parent=grants_page, fund=chest.fund)

    page = get(client, apply_page)

    assert f"Apply by {chest.closes.day} {chest.closes:%B %Y}" in page
    assert f'href="{form_page.url}"' in page
    assert "£5,000" in page


def test_apply_page_of_a_closed_fund_says_when_it_opens_next(client, grants_page, form_page):
    fund = GrantFundFactory(name="Community funding", application_form=form_page)
    GrantRoundFactory(fund=fund, name="Autumn 2030", opens=datetime.date(2030, 10, 1))
    apply_page = ApplyForFundingPageFactory(parent=grants_page, fund=fund, slug="apply-pb")

    page = get(client, apply_page)

    assert "The next round, Autumn 2030, opens on 1 October 2030." in page
    assert f'href="{form_page.url}"' not in page


def test_a_fund_that_stopped_taking_applications_is_closed(client, grants_page, chest, form_page):
    chest.fund.accepting_applications = False
    chest.fund.application_form = form_page
    chest.fund.save()
    apply_page = ApplyForFundingPageFactory(parent=grants_page, fund=chest.fund)

    page = get(client, apply_page)

    assert "not taking applications at the moment" in page
    assert f'href="{form_page.url}"' not in page


def test_grants_page_links_each_open_fund_to_its_apply_page(client, grants_page, chest):
    apply_page = ApplyForFundingPageFactory(parent=grants_page, fund=chest.fund)

    page = get(client, grants_page)

    assert f'href="{apply_page.url}"' in page
    assert "Open for applications" in page
