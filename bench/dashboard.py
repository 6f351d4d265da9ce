"""The involvement dashboard at 20,000 people, 50,000 attendances, 5,000 claims and 2,000
outcomes.

Median server time and queries per request of the admin dashboard, for all landlords and
for one, this year and last. Target (issue 15): under 300 ms and at most 30 queries, the
same count as the small sizes in tests/involvement_pages/test_dashboard_views.py.
Run: .venv/bin/python bench/dashboard.py
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/dashboard.py
"""

import datetime
import json
from decimal import Decimal

from _harness import ENGINE, main, measure_get, setup_django

PEOPLE, ATTENDANCES, CLAIMS, OUTCOMES = 20_000, 50_000, 5_000, 2_000
PANELS = 100
URL = "/admin/involvement/dashboard/"
CASES = {
    "all landlords, this year": URL,
    "one landlord, this year": URL + "?landlord={landlord}",
    "all landlords, last year": URL + "?year={last_year}",
    "CSV of people by area": URL + "csv/people-by-area/",
}


def build():
    from django.utils import timezone

    from forms.models import Person, SignUp, SignUpFormPage
    from involvement_pages.choices import Level
    from involvement_pages.expenses.models import ClaimStatus, ExpenseClaim, ExpenseLine
    from involvement_pages.outcomes.models import Outcome
    from involvement_pages.panels.models import Meeting, Membership, Panel
    from involvement_pages.snippets import Area, Landlord, SupportOption

    today = timezone.localdate()
    landlords = list(Landlord.objects.order_by("pk"))
    areas = list(Area.objects.order_by("pk"))
    people = Person.objects.bulk_create(
        Person(
            name=f"Bench Person {n}",
            email=f"bench{n}@example.com",
            landlord=landlords[n % len(landlords)],
            area=areas[n % len(areas)] if n % 10 else None,
            date_joined=today - datetime.timedelta(days=n % 1500),
            is_active=n % 20 != 0,
        )
        for n in range(PEOPLE)
    )
    pages = list(SignUpFormPage.objects.order_by("pk"))
    # One live sign-up per person per form: each person signs up to a few forms.
    sign_ups = [
        SignUp(
            page=pages[(n // PEOPLE) % len(pages)],
            person=people[n % PEOPLE],
            form_data={},
            attended_on=today - datetime.timedelta(days=n % 700),
        )
        for n in range(min(ATTENDANCES // 2, PEOPLE * len(pages)))
    ]
    SignUp.objects.bulk_create(sign_ups, batch_size=2_000)
    levels = Level.values
    panels = Panel.objects.bulk_create(
        Panel(
            name=f"Bench panel {n}",
            slug=f"bench-panel-{n}",
            kind="other",
            level=levels[n % 4],
            tier="local",
            target_meetings_a_year=4 + n % 9,
        )
        for n in range(PANELS)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(panel=panel, date=today - datetime.timedelta(days=30 * k + 1))
        for panel in panels
        for k in range(12)
    )
    through = Meeting.attendees.through
    remaining = ATTENDANCES - len(sign_ups)
    through.objects.bulk_create(
        (
            through(meeting_id=meetings[n % len(meetings)].pk, person_id=people[n % PEOPLE].pk)
            for n in range(remaining)
        ),
        batch_size=5_000,
        ignore_conflicts=True,
    )
    Membership.objects.bulk_create(
        Membership(
            person=people[n * 7 % PEOPLE],
            panel=panels[n % PANELS],
            start_date=today - datetime.timedelta(days=400),
        )
        for n in range(2_000)
    )
    option = SupportOption.objects.exclude(payment="").order_by("pk").first()
    statuses = ClaimStatus.values
    claims = ExpenseClaim.objects.bulk_create(
        ExpenseClaim(
            person=people[n * 3 % PEOPLE],
            activity_date=today - datetime.timedelta(days=n % 500),
            submitted_on=today - datetime.timedelta(days=n % 500),
            status=statuses[n % len(statuses)],
            paid_on=(
                today - datetime.timedelta(days=n % 500) + datetime.timedelta(days=n % 30)
                if statuses[n % len(statuses)] == ClaimStatus.PAID and n % 500 >= 30
                else None
            ),
        )
        for n in range(CLAIMS)
    )
    ExpenseLine.objects.bulk_create(
        ExpenseLine(
            claim=claim,
            option=option,
            quantity=Decimal("10"),
            rate=Decimal("0.40"),
            amount=Decimal("4.00"),
        )
        for claim in claims
    )
    Outcome.objects.bulk_create(
        Outcome(
            title=f"Bench change {n}",
            said="Residents asked.",
            did="We changed it.",
            date=today - datetime.timedelta(days=n % 700),
            landlord=landlords[n % len(landlords)] if n % 3 else None,
            published=True,
        )
        for n in range(OUTCOMES)
    )
    assert Person.objects.count() >= PEOPLE


def run_case(name, db):
    setup_django(db)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from involvement_pages.snippets import Landlord
    from involvement_pages.years import year_of

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    url = CASES[name].format(
        landlord=Landlord.objects.order_by("pk").first().pk,
        last_year=year_of(timezone.localdate()).start.year - 1,
    )
    print(json.dumps({"case": name, **measure_get(client, url, runs=10, warmup=2)}))


if __name__ == "__main__":
    main(
        __file__,
        "dashboard",
        build,
        run_case,
        CASES,
        f"Dashboard: {PEOPLE:,} people, {ATTENDANCES:,} attendances, {CLAIMS:,} claims, "
        f"{OUTCOMES:,} outcomes, {ENGINE}",
        ["case", "median_ms", "queries", "bytes"],
    )
