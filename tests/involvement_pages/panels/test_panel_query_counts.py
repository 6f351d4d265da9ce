"""The admin's panel, fund and grant lists take the same number of queries at 5 rows as at 50."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from involvement_pages.grants.models import ApplicationStatus
from involvement_pages.panels.models import PanelKind
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    GrantRoundFactory,
    LandlordFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
)

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm per-process caches (site, menu, permissions) alike for both sizes
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_panels(count, landlords, start):
    for n in range(start, start + count):
        panel = PanelFactory(
            kind=PanelKind.SCRUTINY_PANEL,
            min_members_per_landlord=2,
            target_meetings_a_year=10,
            landlords=landlords,
        )
        for landlord in landlords[: n % 3]:
            MembershipFactory(panel=panel, representing_landlord=landlord)
        MeetingFactory(panel=panel, date=datetime.date.today())


def add_applications(count, start):
    for n in range(start, start + count):
        grant_round = GrantRoundFactory(fund__name=f"Fund q{n}", fund__slug=f"fund-q{n}")
        GrantApplicationFactory(
            round=grant_round,
            amount_requested=Decimal("100"),
            amount_awarded=Decimal("100"),
            status=ApplicationStatus.AWARDED,
            decision_date=grant_round.opens,
        )
        GrantApplicationFactory(round=grant_round)


@pytest.mark.parametrize(
    "view", ["list", "list?shortfall=true&kind=scrutiny_panel", "list?q=panel"]
)
def test_panel_list_queries_do_not_grow_with_panels(client, officer, view):
    landlords = [LandlordFactory() for _ in range(3)]
    url = reverse("wagtailsnippets_involvement_panels_panel:list") + view.removeprefix("list")
    add_panels(5, landlords, 0)
    small = queries(client, url)
    add_panels(45, landlords, 5)
    large = queries(client, url)

    assert small == large


@pytest.mark.parametrize(
    "name",
    [
        "wagtailsnippets_involvement_grants_grantapplication:list",
        "wagtailsnippets_involvement_grants_grantfund:list",
        "wagtailsnippets_involvement_panels_membership:list",
        "wagtailsnippets_involvement_panels_meeting:list",
    ],
)
def test_grant_and_membership_lists_queries_do_not_grow_with_rows(client, officer, name):
    url = reverse(name)
    add_applications(5, 0)
    add_panels(5, [LandlordFactory()], 0)
    small = queries(client, url)
    add_applications(45, 5)
    add_panels(45, [LandlordFactory()], 5)
    large = queries(client, url)

    assert small == large
