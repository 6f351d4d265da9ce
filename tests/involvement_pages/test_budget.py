"""The involvement budget: spend by source, what is left, and cost per household (PI.1)."""

import datetime
import html
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from involvement_pages.budget.models import Budget, Spending, spending
from involvement_pages.expenses.models import ClaimStatus
from involvement_pages.grants.models import ApplicationStatus
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import LandlordFactory
from tests.involvement_pages.money_factories import (
    BudgetFactory,
    BudgetLineFactory,
    ExpenseClaimFactory,
    ExpenseLineFactory,
    OtherCostFactory,
    mileage,
)
from tests.involvement_pages.panels.factories import GrantApplicationFactory, GrantRoundFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

EDITORS, OFFICERS = "Communications editors", "Involvement officers"
IN_YEAR = datetime.date(2025, 9, 1)  # the budget's year is April 2025 to March 2026
LAST_YEAR = datetime.date(2025, 3, 31)


def award(grant_round, amount, decided=IN_YEAR, status=ApplicationStatus.AWARDED):
    return GrantApplicationFactory(
        round=grant_round,
        status=status,
        amount_requested=Decimal(amount),
        amount_awarded=Decimal(amount) if status == ApplicationStatus.AWARDED else None,
        decision_date=decided,
        received_on=grant_round.opens,
    )


def claim(person, miles, status=ClaimStatus.APPROVED, day=IN_YEAR):
    made = ExpenseClaimFactory(person=person, status=status, activity_date=day, submitted_on=day)
    ExpenseLineFactory(claim=made, option=mileage(), quantity=Decimal(miles))
    return made


@pytest.fixture
def landlord():
    return LandlordFactory(name="Tristar Homes", slug="tristar-homes")


@pytest.fixture
def budget(landlord):
    budget = BudgetFactory(landlord=landlord, year=2025, homes=2000)
    BudgetLineFactory(budget=budget, heading="Customer Involvement", amount=Decimal("38000"))
    BudgetLineFactory(budget=budget, heading="Mystery Shopping / Scrutiny", amount=Decimal("6500"))
    return budget


def test_the_budget_is_its_lines_added_up(budget):
    assert spending(budget).planned == Decimal("44500")


def test_grants_count_when_awarded_in_the_year_from_the_budgets_funds(budget):
    paid_from_budget = GrantRoundFactory(
        opens=datetime.date(2024, 4, 1), closes=datetime.date(2026, 3, 31), budget=10000
    )
    other_fund = GrantRoundFactory(budget=10000)
    budget.funds.add(paid_from_budget.fund)
    award(paid_from_budget, "1500")
    award(paid_from_budget, "250")
    award(paid_from_budget, "900", decided=LAST_YEAR)  # last year's budget paid this
    award(paid_from_budget, "700", status=ApplicationStatus.DECLINED)
    award(other_fund, "3000")

    assert spending(budget).grants == Decimal("1750")


def test_claims_count_when_approved_or_paid_for_the_landlords_residents(budget, landlord):
    resident = PersonFactory(landlord=landlord)
    claim(resident, "100")  # £40
    claim(resident, "10", status=ClaimStatus.PAID)  # £4
    claim(resident, "1000", status=ClaimStatus.SUBMITTED)
    claim(resident, "1000", status=ClaimStatus.REJECTED)
    claim(resident, "1000", day=LAST_YEAR)
    claim(PersonFactory(landlord=LandlordFactory()), "1000")

    assert spending(budget).claims == Decimal("44.00")


def test_a_whole_group_budget_counts_every_residents_claims(landlord):
    budget = BudgetFactory(landlord=None, year=2025)
    claim(PersonFactory(landlord=landlord), "100")
    claim(PersonFactory(landlord=None), "10")

    assert spending(budget).claims == Decimal("44.00")


def test_spend_adds_up_grants_claims_and_other_costs(budget, landlord):
    grant_round = GrantRoundFactory(budget=10000)
    budget.funds.add(grant_round.fund)
    award(grant_round, "1500")
    claim(PersonFactory(landlord=landlord), "100")
    OtherCostFactory(budget=budget, amount=Decimal("2500"), description="Paradigm People")
    OtherCostFactory(budget=budget, amount=Decimal("460"), description="Hall hire")

    money = spending(budget)

    assert (money.grants, money.claims, money.other) == (
        Decimal("1500"),
        Decimal("40.00"),
        Decimal("2960"),
    )
    assert money.spent == Decimal("4500.00")
    assert money.left == Decimal("40000.00")
    assert money.cost_per_household == Decimal("2.25")  # 4500 / 2000 homes
    assert money.cost_per_household_display == "£2.25"


def test_cost_per_household_rounds_to_the_penny():
    money = Spending(Decimal("0"), Decimal("1000"), Decimal("0"), Decimal("0"), homes=3)

    assert money.cost_per_household == Decimal("333.33")


@pytest.mark.parametrize("homes", [0, None])
def test_cost_per_household_is_not_known_without_homes(homes):
    money = Spending(Decimal("100"), Decimal("50"), Decimal("0"), Decimal("0"), homes=homes)

    assert money.cost_per_household is None
    assert money.cost_per_household_display == "not known"


def test_an_overspend_shows_as_a_negative_amount_left():
    money = Spending(Decimal("100"), Decimal("150"), Decimal("0"), Decimal("0"), homes=10)

    assert money.left == Decimal("-50")
    assert dict(money.as_rows)["Left"] == "-£50"


def test_another_cost_outside_the_budgets_year_is_refused(budget):
    cost = OtherCostFactory.build(budget=budget, date=datetime.date(2026, 4, 1))

    with pytest.raises(ValidationError) as refused:
        cost.full_clean()

    assert "The date must be in the budget's year, 1 April 2025 to 31 March 2026." in str(
        refused.value
    )


def test_another_cost_of_nothing_is_refused(budget):
    cost = OtherCostFactory.build(budget=budget, amount=Decimal("-5"))

    with pytest.raises(ValidationError) as refused:
        cost.full_clean()

    assert "Enter an amount of more than £0." in str(refused.value)


def test_a_landlord_has_one_budget_a_year(budget, landlord):
    again = BudgetFactory.build(landlord=landlord, year=2025)

    with pytest.raises(ValidationError) as refused:
        again.full_clean()

    assert "This landlord already has a budget for that year." in str(refused.value)


def test_the_group_has_one_budget_a_year():
    BudgetFactory(landlord=None, year=2025)
    again = BudgetFactory.build(landlord=None, year=2025)

    with pytest.raises(ValidationError) as refused:
        again.full_clean()

    assert "The group already has a budget for that year." in str(refused.value)


# In the admin


def inspect_url(budget):
    return reverse("wagtailsnippets_involvement_budget_budget:inspect", args=[budget.pk])


def test_the_budget_page_shows_budget_spend_by_source_left_and_cost_per_household(
    client, budget, landlord
):
    staff(client, OFFICERS)
    claim(PersonFactory(landlord=landlord), "100")
    OtherCostFactory(budget=budget, amount=Decimal("3960"))

    text = html.unescape(client.get(inspect_url(budget)).content.decode())

    assert "Money in 2025/26" in text
    for label, amount in [
        ("Budget", "£44,500"),
        ("Grants awarded", "£0"),
        ("Expense claims approved", "£40"),
        ("Other costs", "£3,960"),
        ("Spent in all", "£4,000"),
        ("Left", "£40,500"),
        ("Cost of involvement per household", "£2"),
    ]:
        assert f'<th scope="row">{label}</th><td>{amount}</td>' in text
    assert "Mystery Shopping / Scrutiny" in text


def test_the_budget_page_says_when_cost_per_household_is_not_known(client, budget):
    staff(client, OFFICERS)
    budget.homes = None
    budget.save()

    text = html.unescape(client.get(inspect_url(budget)).content.decode())

    assert '<th scope="row">Cost of involvement per household</th><td>not known</td>' in text
    assert "not known until you enter the number of homes" in text


def test_editors_cannot_open_the_budget(client, budget):
    staff(client, EDITORS)

    response = client.get(inspect_url(budget))

    assert response.status_code in (302, 403)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Involvement budget" not in page


def test_an_officer_adds_paradigms_budget_in_the_admin(client):
    staff(client, OFFICERS)
    add = reverse("wagtailsnippets_involvement_budget_budget:add")
    assert client.get(add).status_code == 200
    data = nested_form_data(
        {
            "landlord": "",
            "year": "2008",
            "homes": "",
            "notes": "",
            "lines": inline_formset(
                [
                    {
                        "heading": "Customer Involvement (e.g. Area Panel, Resident Groups)",
                        "amount": "38000",
                    },
                    {"heading": "Staff - Community Involvement team", "amount": "170000"},
                ]
            ),
            "other_costs": inline_formset([]),
        }
    )

    response = client.post(add, data)

    assert response.status_code == 302
    budget = Budget.objects.get()
    assert str(budget) == "Whole group 2008/09"
    assert spending(budget).planned == Decimal("208000")
