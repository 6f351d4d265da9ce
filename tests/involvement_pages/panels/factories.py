import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from involvement_pages.choices import Level, Tier
from involvement_pages.grants.models import (
    ApplicationStatus,
    BudgetPeriod,
    GrantApplication,
    GrantFund,
    GrantRound,
)
from involvement_pages.panels.models import Meeting, Membership, Panel, PanelKind, PanelStatus, Role
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import LandlordFactory

__all__ = [
    "GrantApplicationFactory",
    "GrantFundFactory",
    "GrantRoundFactory",
    "LandlordFactory",
    "MeetingFactory",
    "MembershipFactory",
    "PanelFactory",
    "PersonFactory",
]


class PanelFactory(DjangoModelFactory):
    class Meta:
        model = Panel
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Panel {n}")
    slug = factory.Sequence(lambda n: f"panel-{n}")
    kind = PanelKind.OTHER
    level = Level.INFLUENCING_DECISIONS
    tier = Tier.OPERATIONAL
    status = PanelStatus.ACTIVE

    @factory.post_generation
    def landlords(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.landlords.set(extracted)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    panel = factory.SubFactory(PanelFactory)
    role = Role.MEMBER
    start_date = datetime.date(2025, 4, 1)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    panel = factory.SubFactory(PanelFactory)
    date = datetime.date(2025, 6, 1)

    @factory.post_generation
    def attendees(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.attendees.set(extracted)


class GrantFundFactory(DjangoModelFactory):
    class Meta:
        model = GrantFund

    name = factory.Sequence(lambda n: f"Fund {n}")
    slug = factory.Sequence(lambda n: f"fund-{n}")
    description = "Money for community projects."
    budget_period = BudgetPeriod.YEAR


class GrantRoundFactory(DjangoModelFactory):
    class Meta:
        model = GrantRound

    fund = factory.SubFactory(GrantFundFactory)
    name = "2025/26"
    opens = datetime.date(2025, 4, 1)
    closes = datetime.date(2026, 3, 31)
    budget = Decimal("5000")


class GrantApplicationFactory(DjangoModelFactory):
    class Meta:
        model = GrantApplication

    round = factory.SubFactory(GrantRoundFactory)
    fund = factory.SelfAttribute("round.fund")
    received_on = factory.LazyAttribute(lambda o: o.round.opens)
    applicant_name = factory.Sequence(lambda n: f"Residents' group {n}")
    project = factory.Sequence(lambda n: f"Project {n}")
    amount_requested = Decimal("1000")
    status = ApplicationStatus.RECEIVED
