"""Every dashboard figure against a small set of records counted by hand.

The year is 2025/26 (1 April 2025 to 31 March 2026), seen from 30 June 2026, so every
figure "so far" stops at 31 March 2026.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from involvement_pages.budget.models import Budget
from involvement_pages.choices import Level
from involvement_pages.dashboard.breakdowns import (
    involved_breakdown,
    involved_count,
    people_by_area,
    people_by_level,
)
from involvement_pages.dashboard.figures import dashboard_figures
from involvement_pages.dashboard.models import CustomerProfile
from involvement_pages.expenses.models import ClaimStatus
from involvement_pages.grants.models import ApplicationStatus
from involvement_pages.panels.models import PanelKind, PanelStatus
from involvement_pages.years import Year, year_of
from tests.forms.factories import PersonFactory, SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.factories import AreaFactory, OpportunityPageFactory
from tests.involvement_pages.money_factories import (
    BudgetFactory,
    BudgetLineFactory,
    ExpenseClaimFactory,
    ExpenseLineFactory,
    OtherCostFactory,
    mileage,
)
from tests.involvement_pages.outcomes.factories import OutcomeFactory
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    LandlordFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
)
from tests.involvement_pages.scrutiny.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

YEAR = year_of(datetime.date(2025, 4, 1))
TODAY = datetime.date(2026, 6, 30)
D = datetime.date


def values(figures):
    return {figure.key: figure.value for figure in figures}


def by_key(figures):
    return {figure.key: figure for figure in figures}


@pytest.fixture
def records(menu):
    a, b = LandlordFactory(name="Alpha Homes"), LandlordFactory(name="Beta Housing")
    north, south = AreaFactory(name="North"), AreaFactory(name="South")
    form = SignUpFormPageFactory(parent=menu)
    OpportunityPageFactory(parent=menu, level=Level.GIVING_VIEWS, sign_up_page=form)
    loose_form = SignUpFormPageFactory(parent=menu)  # no opportunity links here

    def person(landlord, joined, **kwargs):
        return PersonFactory(landlord=landlord, date_joined=joined, **kwargs)

    p1 = person(a, D(2025, 5, 1), area=north)
    p2 = person(a, D(2020, 1, 1), area=north)
    p3 = person(b, D(2025, 10, 1), area=south)
    p4 = person(a, D(2020, 1, 1))
    person(a, D(2020, 1, 1), is_active=False)  # never involved, but left: not counted
    person(a, D(2025, 6, 1), erased_at=timezone.now())  # forgotten: counted nowhere
    p7 = person(b, D(2020, 1, 1))

    SignUpFactory(page=form, person=p1, attended_on=D(2025, 6, 10))
    SignUpFactory(page=form, person=p4, attended_on=D(2024, 6, 1))
    SignUpFactory(page=loose_form, person=p7, attended_on=D(2025, 7, 1))

    board = PanelFactory(name="Board", level=Level.MAKING_DECISIONS)
    MembershipFactory(panel=board, person=p2, start_date=D(2025, 4, 1))
    kept = PanelFactory(name="Customer Council", target_meetings_a_year=4, landlords=[a])
    for day in (D(2025, 5, 1), D(2025, 8, 1), D(2025, 11, 1), D(2026, 2, 1)):
        MeetingFactory(panel=kept, date=day)
    short = PanelFactory(
        name="Estate Panel",
        target_meetings_a_year=12,
        level=Level.INFLUENCING_DECISIONS,
        landlords=[b],
    )
    MeetingFactory(panel=short, date=D(2025, 9, 1), attendees=[p3])
    PanelFactory(name="Old Forum", target_meetings_a_year=6, status=PanelStatus.CLOSED)
    ra = PanelKind.RESIDENTS_ASSOCIATION
    PanelFactory(name="Hilltop TARA", kind=ra, next_support_visit_due=D(2026, 1, 1))
    PanelFactory(name="Riverside TARA", kind=ra, next_support_visit_due=D(2026, 9, 1))

    awarded = {"status": ApplicationStatus.AWARDED, "amount_awarded": Decimal("500")}
    GrantApplicationFactory(decision_date=D(2025, 6, 1), **awarded)  # review due 1 Dec 2025
    GrantApplicationFactory(decision_date=D(2026, 1, 1), **awarded)  # review due 1 Jul 2026

    RecommendationFactory(due_on=D(2025, 9, 30))
    RecommendationFactory(due_on=D(2025, 9, 30), status="done")
    RecommendationFactory(due_on=D(2026, 5, 1))

    option = mileage()  # 10 miles at 40p: £4.00 a claim

    def claim(who, status, **kwargs):
        made = ExpenseClaimFactory(person=who, status=status, meeting=None, **kwargs)
        ExpenseLineFactory(claim=made, option=option)
        return made

    claim(p1, ClaimStatus.APPROVED)
    claim(p3, ClaimStatus.PAID, submitted_on=D(2025, 6, 3), paid_on=D(2025, 6, 13))
    claim(p1, ClaimStatus.PAID, submitted_on=D(2025, 7, 1), paid_on=D(2025, 7, 5))
    claim(
        p1,
        ClaimStatus.PAID,
        activity_date=D(2024, 6, 1),
        submitted_on=D(2024, 6, 1),
        paid_on=D(2024, 7, 1),
    )

    group = BudgetFactory(year=2025, landlord=None, homes=1000)
    BudgetLineFactory(budget=group, amount=Decimal("1000"))
    OtherCostFactory(budget=group, amount=Decimal("100"))
    BudgetFactory(year=2025, landlord=a, homes=30)
    CustomerProfile.objects.create(year=2025, landlord=None, customers=40)

    OutcomeFactory(date=D(2025, 6, 1), landlord=a)
    OutcomeFactory(date=D(2025, 12, 1))
    OutcomeFactory(date=D(2026, 6, 1))
    return {"a": a, "b": b}


def test_figures_for_all_landlords(records):
    figures = dashboard_figures(YEAR, today=TODAY)
    assert values(figures) == {
        "involved": 4,  # a sign-up attended, a seat held, a meeting, an unlinked sign-up
        "new_people": 2,
        "not_involved": 1,
        "panels_meeting": 1,
        "support_visits_due": 1,
        "grant_reviews_due": 1,
        "overdue_recommendations": 1,
        "claims_unpaid": 1,
        "days_to_pay": Decimal("7.0"),  # 10 days and 4 days
        "budget_spent": Decimal("112.00"),  # three claims of £4 in the year and £100 costs
        "budget_left": Decimal("888.00"),
        "cost_per_household": Decimal("0.11"),
        "outcomes": 2,
    }
    found = by_key(figures)
    assert found["involved"].target == 4
    assert found["involved"].notes[:2] == [
        "Target: 10% of 40 customers.",
        "10.0% of customers are involved.",
    ]
    assert found["panels_meeting"].target == 2
    assert found["budget_spent"].target == Decimal("1000")
    assert "£4.00" in found["claims_unpaid"].notes[0]


def test_figures_for_one_landlord(records):
    figures = dashboard_figures(YEAR, records["a"], today=TODAY)
    assert values(figures) == {
        "involved": 2,
        "new_people": 1,
        "not_involved": 1,
        "panels_meeting": 1,  # the council covers Alpha; the estate panel does not
        "support_visits_due": 1,  # residents' associations that name no landlord cover all
        "grant_reviews_due": 1,
        "overdue_recommendations": 1,
        "claims_unpaid": 1,
        "days_to_pay": Decimal("4.0"),
        "budget_spent": Decimal("8.00"),
        "budget_left": Decimal("-8.00"),
        "cost_per_household": Decimal("0.27"),
        "outcomes": 1,
    }
    found = by_key(figures)
    assert found["involved"].target == 3  # 10% of the budget's 30 homes, with no profile
    assert "customer profile" in " ".join(found["involved"].notes)


def test_no_target_without_a_profile_or_homes(records):
    found = by_key(dashboard_figures(YEAR, records["b"], today=TODAY))
    assert found["involved"].target is None
    assert found["involved"].notes == ["No target: enter a customer profile."]
    assert found["budget_spent"].value is None
    assert found["budget_spent"].notes == ["No budget entered for 2025/26."]


def test_people_by_level_count_each_person_at_their_highest_rung(records):
    assert people_by_level(YEAR) == [
        ("Making decisions", 1),
        ("Influencing decisions", 1),
        ("Giving views", 1),
        ("Receiving information", 0),
        ("Level not recorded", 1),
    ]


def test_a_person_counts_once_at_the_highest_level(records):
    p1 = PersonFactory(landlord=records["a"], date_joined=D(2020, 1, 1))
    board = PanelFactory(name="Scrutiny", level=Level.MAKING_DECISIONS)
    MeetingFactory(panel=board, date=D(2025, 10, 1), attendees=[p1])
    MembershipFactory(person=p1, start_date=D(2025, 4, 1))  # influencing decisions
    rows = dict(people_by_level(YEAR))
    assert rows["Making decisions"] == 2
    assert sum(rows.values()) == 5


def test_people_by_area(records):
    assert people_by_area(YEAR) == [("North", 2), ("South", 1), ("Area not recorded", 1)]
    assert people_by_area(YEAR, records["b"]) == [("South", 1), ("Area not recorded", 1)]


def test_spending_of_every_landlord_added_up_without_a_group_budget(records):
    Budget.objects.filter(landlord=None).delete()
    BudgetLineFactory(budget=BudgetFactory(year=2025, landlord=records["b"], homes=70))
    found = by_key(dashboard_figures(YEAR, today=TODAY))
    assert found["budget_spent"].value == Decimal("12.00")  # every approved or paid claim
    assert found["budget_spent"].target == Decimal("1000")
    assert found["cost_per_household"].value == Decimal("0.12")  # £12 over 100 homes


def test_the_links_filter_the_lists(records):
    found = by_key(dashboard_figures(YEAR, records["a"], today=TODAY))
    a = records["a"].pk
    assert found["not_involved"].url == (
        f"/admin/involvement_register/?involvement=not_12_months&is_active=true&landlord={a}"
    )
    # The landlord's year, as counted here: "this year" in the register is the calendar's.
    assert found["involved"].url == f"/admin/involvement_register/?involved_in=2025&landlord={a}"
    assert found["claims_unpaid"].url == "/admin/involvement_expense_claims/?status=approved"
    assert found["outcomes"].url.endswith(
        f"?date_after=2025-04-01&date_before=2026-03-31&landlord={a}"
    )
    assert found["overdue_recommendations"].url == "/admin/involvement/overdue-recommendations/"
    assert "reviews_due=true" in found["grant_reviews_due"].url
    assert f"year=2025&landlord={a}" in found["budget_spent"].url


def test_a_half_year_expects_half_the_meetings_promised(records):
    half = Year(D(2025, 4, 1), D(2025, 9, 30))
    found = by_key(dashboard_figures(half, today=TODAY))
    # the council met twice by September (of 2 expected), the estate panel once (of 6)
    assert (found["panels_meeting"].value, found["panels_meeting"].target) == (1, 2)
    assert found["involved"].value == 4
    assert found["outcomes"].value == 1


def test_the_ladder_counts_everyone_the_register_calls_involved(records):
    breakdown = involved_breakdown(YEAR)
    involved = by_key(dashboard_figures(YEAR, today=TODAY))["involved"].value
    assert involved_count(breakdown) == involved == sum(n for _l, n in people_by_level(YEAR))
    for landlord in records.values():
        alone = by_key(dashboard_figures(YEAR, landlord, today=TODAY))["involved"].value
        assert involved_count(involved_breakdown(YEAR, landlord)) == alone
