"""Demo grant funds with their seed budgets, decided and pending applications, grants pages.

Funds and their budgets come from ``data/panels.json``; where a seed gives no amount
the demo uses the modest figures below and says so. Years and rounds are placed around the
day the demo is loaded, keeping the seeds' months, so there are always decisions to show.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Page

from dateutil.relativedelta import relativedelta

from cms_site.models import HomePage
from forms.models import Person
from involvement_pages.grants.models import (
    ApplicationStatus,
    ApplyForFundingPage,
    GrantApplication,
    GrantApplicationFormField,
    GrantApplicationFormPage,
    GrantFund,
    GrantRound,
    GrantsAwardedPage,
)
from involvement_pages.years import year_of

from .site import ensure_child

# Demo figures where the seeds give no amount (see data/NOTES.md, "Money left null").
DEMO_BUDGETS = {
    "diverse-community-fund": Decimal("10000"),
    "participatory-budgeting": Decimal("20000"),  # each round
    "area-panel-budgets": Decimal("45000"),  # three Area Panels, £15,000 each
    "tara-support-grants": Decimal("6000"),
}

S = ApplicationStatus
ELM = "Elm Court Tenants' and Residents' Association"
LABURNUM = "Laburnum Road Residents' Association"
SYCAMORE = "Sycamore Walk TARA"
NETWORK = "Customer Involvement Network Executive Committee"
# By fund: (project, group, asked, awarded, status, months ago received). Projects and the
# groups not in panels.json are invented.
APPLICATIONS = {
    "community-engagement-fund": [
        ("Digital drop-in sessions", SYCAMORE, 9000, 8500, S.EVALUATED, 16),
        ("Tenants' conference travel", NETWORK, 4500, 4500, S.EVALUATED, 14),
        ("Youth film project", "Young Voices", 12000, 10000, S.REVIEW_DUE, 10),
        ("Community allotment", ELM, 6000, 6000, S.AWARDED, 8),
        ("Lunch club for older residents", LABURNUM, 7500, 7000, S.AWARDED, 4),
        ("Mural on the underpass", "Friends of Linthorpe Road", 15000, None, S.DECLINED, 3),
        ("Homework club", "Grove Hill Youth Project", 5000, None, S.ELIGIBLE, 1),
        ("Minibus hire", "A resident", 2500, None, S.RECEIVED, 0),
    ],
    "community-chest-and-opportunity-funds": [
        ("Christmas party", ELM, 500, 500, S.EVALUATED, 13),
        ("Gardening tools", LABURNUM, 750, 750, S.AWARDED, 5),
        ("Chairs for the community room", SYCAMORE, 1500, 1250, S.AWARDED, 3),
        ("Coffee morning", "Hartlepool Headland Friends", 400, 400, S.AWARDED, 2),
        ("Trip to the coast", ELM, 1800, None, S.INELIGIBLE, 1),
    ],
    "area-audits": [
        ("New bins at Sycamore Walk", SYCAMORE, 3000, 3000, S.EVALUATED, 12),
        ("Lighting on the Elm Court path", ELM, 4000, 4000, S.AWARDED, 6),
    ],
    "diverse-community-fund": [
        ("Polish language welcome pack", NETWORK, 1500, 1500, S.AWARDED, 7),
        ("Carers' coffee afternoons", LABURNUM, 900, None, S.ELIGIBLE, 1),
    ],
    "area-panel-budgets": [
        ("Alley gates", "Middlesbrough Area Panel", 6000, 6000, S.REVIEW_DUE, 9),
        ("Play area repairs", "Hartlepool Area Panel", 5500, 5000, S.AWARDED, 4),
    ],
    "tara-support-grants": [
        ("Annual support grant", ELM, 500, 500, S.AWARDED, 6),
        ("Annual support grant", LABURNUM, 500, 500, S.AWARDED, 6),
    ],
}
# Participatory budgeting: each closed round spent most of its money on these and carried
# the rest over; the latest closed round waits for its decision day.
PB_DECIDED = [
    ("Street party kit to lend", "Tees Valley Residents' Forum", 2500, 2500),
    ("Food bank shelving", "Hartlepool Headland Friends", 4000, 4000),
    ("Walking football", "Grove Hill Youth Project", 3000, 3000),
    ("Wildflower verges", SYCAMORE, 5000, 5000),
    ("Community cinema nights", ELM, 4500, 4000),
]
PB_PENDING = [
    ("Repair cafe", ELM, 3500, S.ELIGIBLE),
    ("Winter warm space", LABURNUM, 6000, S.RECEIVED),
]
OPEN_FUNDS = [
    "community-engagement-fund",
    "community-chest-and-opportunity-funds",
    "diverse-community-fund",
    "participatory-budgeting",
]


def load_grants(rows, panels, today=None):
    """Funds from ``rows`` (panels.json), their applications and the public pages."""
    today = today or timezone.localdate()
    funds = ensure_funds(rows, panels, today)
    added = ensure_applications(funds, panels, today)
    ensure_grants_pages(funds)
    return funds, added


def ensure_funds(rows, panels, today):
    funds = {}
    for row in rows:
        fund = GrantFund.objects.filter(slug=row["slug"]).first()
        if fund is None:
            fund = GrantFund.objects.create(
                slug=row["slug"],
                name=row["name"],
                description=row["description"],
                criteria=row["criteria"],
                budget_period=row["period"],
                deciding_panel=panels.get(row["deciding_panel"]),
                carry_over=row["carry_over"],
                accepting_applications=row["slug"] in OPEN_FUNDS,
            )
        for name, opens, closes, budget in fund_rounds(row, today):
            if not fund.rounds.filter(name=name).exists():
                GrantRound.objects.create(
                    fund=fund, name=name, opens=opens, closes=closes, budget=budget
                )
        funds[fund.slug] = fund
    return funds


def fund_rounds(row, today):
    """(name, opens, closes, budget): last and this financial year, or the rounds."""
    budget = Decimal(row["budget"]) if row["budget"] is not None else None
    budget = budget if budget is not None else DEMO_BUDGETS.get(row["slug"])
    if row["period"] == "year":
        this_year = year_of(today)
        last_year = year_of(this_year.start - datetime.timedelta(days=1))
        return [(y.label, y.start, y.end, budget) for y in (last_year, this_year)]
    rounds = []
    for spec in row["rounds"]:
        opens = datetime.date.fromisoformat(spec["opens"])
        closes = datetime.date.fromisoformat(spec["closes"])
        season = spec["name"].split()[0]
        # The seed's months, last year, this year and next, so there are decisions to show.
        for year in (today.year - 1, today.year, today.year + 1):
            shift = relativedelta(years=year - opens.year)
            rounds.append((f"{season} {year}", opens + shift, closes + shift, budget))
    return sorted(set(rounds), key=lambda r: r[1])


def ensure_applications(funds, panels, today):
    add = ApplicationMaker({panel.name: panel for panel in panels.values()}, today)
    for slug, rows in APPLICATIONS.items():
        fund = funds[slug]
        for project, group, asked, awarded, status, months in rows:
            received = today - relativedelta(months=months, days=10)
            grant_round = fund.rounds.filter(opens__lte=received, closes__gte=received).first()
            pending = status in (S.RECEIVED, S.ELIGIBLE)
            decided = None if pending else min(received + relativedelta(days=28), today)
            add(grant_round, (project, group, asked, awarded, status), received, decided)
    pb = funds["participatory-budgeting"]
    closed = list(pb.rounds.filter(closes__lt=today).order_by("closes"))
    for grant_round in closed[:-1]:
        received = grant_round.opens + relativedelta(days=7)
        decided = grant_round.closes + relativedelta(weeks=4)
        for project, group, asked, awarded in PB_DECIDED:
            add(grant_round, (project, group, asked, awarded, S.EVALUATED), received, decided)
    if closed:
        waiting = closed[-1]
        for project, group, asked, status in PB_PENDING:
            add(waiting, (project, group, asked, None, status), waiting.opens, None)
    return add.added


class ApplicationMaker:
    """Adds one demo application unless it is there, moving old awards through review."""

    def __init__(self, panels_by_name, today):
        self.panels_by_name = panels_by_name
        self.today = today
        self.added = 0

    def __call__(self, grant_round, row, received, decided):
        project, group, asked, awarded, status = row
        if grant_round is None or grant_round.applications.filter(project=project).exists():
            return
        if status in (S.REVIEW_DUE, S.EVALUATED):
            review = decided + relativedelta(months=6)
            if review > self.today:
                status = S.AWARDED
            elif status == S.EVALUATED and review + relativedelta(months=2) > self.today:
                status = S.REVIEW_DUE
        fund = grant_round.fund
        group_panel = self.panels_by_name.get(group)
        application = GrantApplication(
            fund=fund,
            round=grant_round,
            received_on=received,
            applicant_group=group_panel,
            applicant_name="" if group == "A resident" else group,
            applicant_person=Person.objects.order_by("phone").first()
            if group == "A resident"
            else None,
            project=project,
            description=f"{project}, run by {group}.",
            amount_requested=Decimal(asked),
            status=status,
            amount_awarded=Decimal(awarded) if awarded else None,
            decision_date=decided,
            deciding_panel=group_panel if fund.slug == "area-panel-budgets" else None,
            outcome_evaluation="Ran as planned; more residents took part than expected."
            if status == S.EVALUATED
            else "",
            published=status in (S.AWARDED, S.REVIEW_DUE, S.EVALUATED),
        )
        application.full_clean()  # the demo keeps the same money and flow rules as the admin
        application.save()
        self.added += 1


# Pages


def ensure_grants_pages(funds):
    home = HomePage.objects.first()
    if home is None:
        return None
    grants_page, _ = ensure_child(
        home,
        GrantsAwardedPage,
        slug="grants",
        title="Community grants",
        intro="Money for projects that bring residents together and make neighbourhoods "
        "better. See what is open, what is left, and every grant we have awarded.",
        search_description="Community grants: what is open, what is left and who got funding.",
        show_in_menus=True,
    )
    for slug in OPEN_FUNDS:
        fund = funds[slug]
        apply_page, _ = ensure_child(
            grants_page,
            ApplyForFundingPage,
            slug=f"apply-{slug}",
            title=f"Apply to the {fund.name}",
            fund=fund,
            intro=fund.description,
            search_description=fund.description[:250],
        )
        if fund.application_form_id is None:
            fund.application_form = ensure_application_form(apply_page, fund)
            fund.save(update_fields=["application_form"])
    return grants_page


def ensure_application_form(apply_page, fund):
    # Any page already there keeps its place: a demo loaded before the online form kept
    # its sign-up form.
    existing = Page.objects.child_of(apply_page).filter(slug="form").first()
    if existing:
        return existing
    page = GrantApplicationFormPage(
        slug="form",
        title=f"Apply for a grant: {fund.name}",
        intro="<p>Tell us about your project. An officer will call you within two weeks to "
        "talk it through before the panel decides.</p>",
        privacy_notice_url="https://thirteen.example/privacy-notice",
        contact_details="Call the Customer Involvement Team on 01642 000 000 or email "
        "involvement@thirteen.example",
    )
    page.form_fields = [
        GrantApplicationFormField(
            label="How many residents will take part?", field_type="singleline", required=False
        ),
    ]
    apply_page.add_child(instance=page)
    page.save_revision().publish()
    return page
