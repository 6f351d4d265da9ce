"""Panels and grants at 500 panels, 5,000 memberships and 2,000 applications.

Median server time and queries per request of the admin's panel and grant lists and the
public grants page. The query counts must match the small sizes in the tests (they do not
grow with rows). Run: .venv/bin/python bench/panels.py
"""

import datetime
import json
from decimal import Decimal

from _harness import ENGINE, main, measure_get, setup_django

PANELS, MEMBERSHIPS, APPLICATIONS = 500, 5_000, 2_000
PEOPLE = 3_000
MEETINGS_PER_PANEL = 8
CASES = {
    "panel list": "/admin/snippets/involvement_panels/panel/",
    "panel list, shortfall": "/admin/snippets/involvement_panels/panel/?shortfall=true",
    "panel list, search": "/admin/snippets/involvement_panels/panel/?q=estate",
    "membership list": "/admin/snippets/involvement_panels/membership/",
    "application list": "/admin/snippets/involvement_grants/grantapplication/",
    "applications, reviews due": "/admin/snippets/involvement_grants/grantapplication/"
    "?reviews_due=true",
    "fund list": "/admin/snippets/involvement_grants/grantfund/",
    "public grants page": "/grants/",
    "public grants page 5": "/grants/?page=5",
}


def build():

    from forms.models import Person
    from involvement_pages.grants.models import ApplicationStatus, GrantApplication, GrantFund
    from involvement_pages.panels.models import Meeting, Membership, Panel, PanelKind, Role
    from involvement_pages.snippets import Landlord

    today = datetime.date.today()
    landlords = list(Landlord.objects.order_by("pk")[:4])
    people = Person.objects.bulk_create(
        Person(
            name=f"Bench Person {n}",
            email=f"bench{n}@example.com",
            landlord=landlords[n % 4],
        )
        for n in range(PEOPLE)
    )
    kinds = PanelKind.values
    new_panels = Panel.objects.bulk_create(
        Panel(
            name=f"Estate panel {n}",
            slug=f"estate-panel-{n}",
            kind=kinds[n % len(kinds)],
            level="influencing_decisions",
            tier="local",
            target_meetings_a_year=6,
            min_members_per_landlord=2 if n % 5 == 0 else None,
        )
        for n in range(PANELS - Panel.objects.count())
    )
    through = Panel.landlords.through
    through.objects.bulk_create(
        through(panel_id=panel.pk, landlord_id=landlord.pk)
        for panel in new_panels
        for landlord in landlords
    )
    start = today - datetime.timedelta(days=300)
    Membership.objects.bulk_create(
        Membership(
            person=people[n % PEOPLE],
            panel=new_panels[n % len(new_panels)],
            role=Role.MEMBER,
            representing_landlord=people[n % PEOPLE].landlord,
            start_date=start,
            end_date=None if n % 7 else today - datetime.timedelta(days=30),
        )
        for n in range(MEMBERSHIPS - Membership.objects.count())
    )
    Meeting.objects.bulk_create(
        Meeting(panel=panel, date=today - datetime.timedelta(days=30 * k + 1))
        for panel in new_panels
        for k in range(MEETINGS_PER_PANEL)
    )
    rounds = [r for fund in GrantFund.objects.prefetch_related("rounds") for r in fund.rounds.all()]
    statuses = ApplicationStatus.values
    applications = []
    for n in range(APPLICATIONS - GrantApplication.objects.count()):
        grant_round = rounds[n % len(rounds)]
        status = statuses[n % len(statuses)]
        awarded = status in ("awarded", "review_due", "evaluated")
        decided = min(grant_round.opens + datetime.timedelta(days=30), today)
        applications.append(
            GrantApplication(
                fund_id=grant_round.fund_id,
                round=grant_round,
                received_on=grant_round.opens,
                applicant_name=f"Bench group {n}",
                project=f"Bench project {n}",
                amount_requested=Decimal("10"),
                status=status,
                amount_awarded=Decimal("10") if awarded else None,
                decision_date=decided if awarded or status == "declined" else None,
                review_due_on=decided + datetime.timedelta(days=182) if awarded else None,
                published=awarded,
            )
        )
    GrantApplication.objects.bulk_create(applications)
    assert Panel.objects.count() == PANELS
    assert Membership.objects.count() == MEMBERSHIPS
    assert GrantApplication.objects.count() == APPLICATIONS


def run_case(name, db):
    setup_django(db)
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if CASES[name].startswith("/admin/"):
        client.force_login(get_user_model().objects.get(username="admin"))
    print(json.dumps({"case": name, **measure_get(client, CASES[name])}))


if __name__ == "__main__":
    main(
        __file__,
        "panels",
        build,
        run_case,
        CASES,
        f"Panels and grants: {PANELS} panels, {MEMBERSHIPS} memberships, "
        f"{APPLICATIONS} applications, {ENGINE}",
        ["case", "median_ms", "queries", "bytes"],
    )
