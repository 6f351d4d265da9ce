"""The demo's support rates, expense claims and budget: seed-true and loaded once."""

from collections import Counter
from decimal import Decimal
from io import StringIO

from django.contrib.auth.models import User

import pytest

from cms_site.demo.money import load_money
from involvement_pages.budget.models import Budget, BudgetLine, OtherCost, spending
from involvement_pages.expenses.models import ClaimStatus, ExpenseClaim, ExpenseLine
from involvement_pages.snippets import PaymentKind, SupportOption

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (ExpenseClaim, ExpenseLine, Budget, BudgetLine, OtherCost)
    }


def test_loading_money_again_changes_nothing(demo_site):
    first = counts()
    out = StringIO()

    load_money(stdout=out)

    assert counts() == first
    assert "0 support rates set, 0 expense claims added, budget already there" in out.getvalue()


def test_demo_support_options_carry_the_seed_rates(demo_site):
    options = {o.slug: o for o in SupportOption.objects.exclude(payment="")}

    assert options["travel-expenses"].payment == PaymentKind.MILEAGE
    assert options["travel-expenses"].rate_display == "40p a mile"
    assert options["childcare"].rate_display == "£7.00 an hour"
    assert options["taxi"].payment == PaymentKind.TAXI
    assert options["other-expenses"].payment == PaymentKind.OTHER


def test_demo_claims_are_in_every_state_and_add_up(demo_site):
    claims = ExpenseClaim.objects.with_totals()

    assert Counter(c.status for c in claims) == {
        ClaimStatus.PAID: 2,
        ClaimStatus.APPROVED: 2,
        ClaimStatus.SUBMITTED: 1,
        ClaimStatus.REJECTED: 1,
    }
    first = claims.filter(lines__quantity=Decimal("14")).get()
    assert first.total == Decimal("26.60")  # 14 miles at 40p and 3 hours at £7.00
    admin = User.objects.get(username="admin")
    assert all(c.approved_by == admin for c in claims if c.status in ("approved", "paid"))
    assert sorted(c.days_to_pay for c in claims if c.paid_on) == [7, 15]


def test_demo_budget_is_paradigms_table_with_thirteens_homes(client, demo_site):
    budget = Budget.objects.get(landlord=None)
    money = spending(budget)

    assert money.planned == Decimal("379000")
    assert budget.lines.count() == 9
    assert budget.homes == 32000
    assert money.other == Decimal("9500")
    assert money.claims > 0
    assert money.cost_per_household == (money.spent / 32000).quantize(Decimal("0.01"))
    client.login(username="admin", password="involvement-demo")
    url = f"/admin/snippets/involvement_budget/budget/inspect/{budget.pk}/"
    page = client.get(url).content.decode()
    assert "Paradigm People – Residents Newsletter" in page  # noqa: RUF001  (the seed's dash)
    assert "£379,000" in page
