"""Support options paid in money, expense claims and budgets, for the expenses and budget tests."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from involvement_pages.budget.models import Budget, BudgetLine, OtherCost
from involvement_pages.expenses.models import ClaimStatus, ExpenseClaim, ExpenseLine
from involvement_pages.snippets import PaymentKind
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import SupportOptionFactory
from tests.involvement_pages.panels.factories import MeetingFactory

__all__ = [
    "BudgetFactory",
    "BudgetLineFactory",
    "ExpenseClaimFactory",
    "ExpenseLineFactory",
    "OtherCostFactory",
    "childcare",
    "mileage",
    "taxi",
]


def mileage(rate="0.40"):
    return SupportOptionFactory(
        slug="travel-expenses",
        name="Travel expenses",
        payment=PaymentKind.MILEAGE,
        rate=Decimal(rate),
    )


def childcare(rate="7.00"):
    return SupportOptionFactory(
        slug="childcare", name="Childcare costs", payment=PaymentKind.CHILDCARE, rate=Decimal(rate)
    )


def taxi():
    return SupportOptionFactory(slug="taxi", name="Free taxi or lift", payment=PaymentKind.TAXI)


class ExpenseClaimFactory(DjangoModelFactory):
    class Meta:
        model = ExpenseClaim

    person = factory.SubFactory(PersonFactory)
    meeting = factory.SubFactory(MeetingFactory)
    activity_date = datetime.date(2025, 6, 1)
    submitted_on = datetime.date(2025, 6, 3)
    status = ClaimStatus.SUBMITTED


class ExpenseLineFactory(DjangoModelFactory):
    """A line priced from its option, as the admin form prices it."""

    class Meta:
        model = ExpenseLine

    claim = factory.SubFactory(ExpenseClaimFactory)
    option = factory.LazyFunction(mileage)
    quantity = Decimal("10")


class BudgetFactory(DjangoModelFactory):
    class Meta:
        model = Budget

    year = 2025
    homes = 1000


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(BudgetFactory)
    heading = factory.Sequence(lambda n: f"Heading {n}")
    amount = Decimal("1000")


class OtherCostFactory(DjangoModelFactory):
    class Meta:
        model = OtherCost

    budget = factory.SubFactory(BudgetFactory)
    date = datetime.date(2025, 9, 1)
    description = "Hall hire"
    amount = Decimal("100")
