"""The demo's panels, members, meetings and funds: seed-true, rule-abiding, loaded once."""

from collections import Counter
from decimal import Decimal
from io import StringIO

from django.utils import timezone

import pytest

from cms_site.demo.panels import load_panels
from involvement_pages.grants.models import (
    ApplicationStatus,
    ApplyForFundingPage,
    GrantApplication,
    GrantFund,
    GrantRound,
    GrantsAwardedPage,
    fund_balances,
)
from involvement_pages.panels.models import (
    Meeting,
    Membership,
    Panel,
    PanelKind,
    membership_problems,
    shortfall_text,
    shortfalls,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Panel, Membership, Meeting, GrantFund, GrantRound, GrantApplication)
    }


def test_loading_again_changes_nothing(demo_site):
    first = counts()
    out = StringIO()

    load_panels(out)

    assert counts() == first
    assert "0 memberships" in out.getvalue()


def test_demo_panels_are_the_seeds_groups_keeping_the_rules(demo_site):
    names = set(Panel.objects.values_list("name", flat=True))
    assert {
        "Thirteen Customer Council",
        "Thirteen Scrutiny Panel",
        "Thirteen Designated Complaints Panel",
        "Young Voices",
        "Community Engagement Fund allocation panel",
        "Customer Involvement Network Executive Committee",
        "Middlesbrough Area Panel",
    } <= names
    assert Panel.objects.filter(kind=PanelKind.RESIDENTS_ASSOCIATION).count() == 3

    memberships = Membership.objects.select_related("person", "panel")
    assert all(membership_problems(m) == [] for m in memberships)
    corporate = Counter(m.person_id for m in memberships.current() if m.panel.corporate)
    assert corporate
    assert max(corporate.values()) == 1

    # Two from each partner landlord, but for one gap on the panel that is recruiting.
    panels = list(
        Panel.objects.filter(min_members_per_landlord__isnull=False).prefetch_related("landlords")
    )
    found = {p.name: shortfall_text(shortfalls(panels).get(p.pk)) for p in panels}
    assert found == {
        "Thirteen Customer Council": "None",
        "Thirteen Designated Complaints Panel": "None",
        "Thirteen Scrutiny Panel": "Tristar Homes 1 of 2",
    }
    assert Panel.objects.get(name="Thirteen Scrutiny Panel").status == "recruiting"

    # A year of meetings, as often as promised, with members attending.
    council = Panel.objects.get(slug="customer-council")
    year_ago = timezone.localdate().replace(year=timezone.localdate().year - 1)
    assert council.meetings.count() == council.target_meetings_a_year
    assert all(m.date >= year_ago and m.attendees.exists() for m in council.meetings.all())


def test_demo_funds_have_seed_budgets_decisions_and_a_grants_page(client, demo_site):
    budgets = {
        r.fund.slug: r.budget
        for r in GrantRound.objects.select_related("fund").filter(name__contains="/")
    }
    assert budgets["community-engagement-fund"] == Decimal("90300")
    assert budgets["community-chest-and-opportunity-funds"] == Decimal("5000")
    assert budgets["area-audits"] == Decimal("18000")
    pb = GrantFund.objects.get(slug="participatory-budgeting")
    assert {r.name.split()[0] for r in pb.rounds.all()} == {"Spring", "Autumn"}

    statuses = set(GrantApplication.objects.values_list("status", flat=True))
    assert {ApplicationStatus.AWARDED, ApplicationStatus.EVALUATED} <= statuses
    assert {ApplicationStatus.RECEIVED, ApplicationStatus.ELIGIBLE} <= statuses
    balances = fund_balances(GrantFund.objects.all())
    assert all(b.left is None or b.left >= 0 for b in balances.values())
    assert any(b.carried_in > 0 for b in balances.values() if b.round.fund_id == pb.pk)

    page = GrantsAwardedPage.objects.get()
    assert (page.url, page.show_in_menus) == ("/grants/", True)
    response = client.get("/grants/")
    assert response.status_code == 200
    assert "Community Engagement Fund" in response.content.decode()
    chest = ApplyForFundingPage.objects.get(fund__slug="community-chest-and-opportunity-funds")
    assert chest.fund.application_form.live
