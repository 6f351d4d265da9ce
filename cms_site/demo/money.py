"""Demo money: the support rates, a handful of expense claims and the involvement budget.

The rates (40p a mile, £7.00 an hour childcare, taxis at cost) and the budget's lines
(Paradigm's 2008/09 table, £379,000) come from the seeds via ``data/money.json``; the
budget is set in the year the demo is loaded, so this year's grants and claims count
against it. Claims go to people who came to the demo's panel meetings. Create-if-missing:
a second run adds nothing and leaves what an officer changed.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from dateutil.relativedelta import relativedelta

from involvement_pages.budget.models import Budget, BudgetLine, OtherCost
from involvement_pages.expenses.models import ClaimStatus, ExpenseClaim, ExpenseLine
from involvement_pages.grants.models import GrantFund
from involvement_pages.panels.models import Meeting
from involvement_pages.snippets import SupportOption
from involvement_pages.years import year_of

from .site import read

S = ClaimStatus
# (status, [(support option slug, miles / hours / pounds)], days after the meeting it was
# claimed, approved and paid, reason if rejected). Two paid claims give the list its
# average days to pay; two approved ones fill the payment file.
CLAIMS = [
    (S.PAID, [("travel-expenses", "14"), ("childcare", "3")], (2, 4, 9), ""),
    (S.PAID, [("taxi", "12.60")], (1, 3, 16), ""),
    (S.APPROVED, [("travel-expenses", "22")], (1, 5, None), ""),
    (S.APPROVED, [("childcare", "2.5"), ("travel-expenses", "8")], (3, 6, None), ""),
    (S.SUBMITTED, [("travel-expenses", "6")], (2, None, None), ""),
    (
        S.REJECTED,
        [("other-expenses", "35")],
        (1, None, None),
        "A meal out is not a cost of taking part. Bus fares and childcare are: please claim those.",
    ),
]
OLDEST_CLAIM_DAYS = 30  # claims are for meetings at least this long ago, so all are settled


def load_money(approver=None, stdout=None):
    today = timezone.localdate()
    data = read("money.json")
    rates = ensure_rates(data["support_rates"])
    claims = ensure_claims(today, approver)
    budget = ensure_budget(data["budget"], today)
    if stdout:
        stdout.write(
            f"Money: {rates} support rates set, {claims} expense claims added, "
            f"budget {budget or 'already there'}."
        )


def ensure_rates(rows):
    """Set how each seed support option is paid, unless an editor has already set it."""
    changed = 0
    for row in rows:
        option = SupportOption.objects.filter(slug=row["slug"]).first()
        if option is None or option.payment:
            continue
        option.payment = row["payment"]
        option.rate = Decimal(row["rate"]) if row["rate"] else None
        option.save()
        changed += 1
    return changed


def ensure_claims(today, approver):
    if ExpenseClaim.objects.exists():
        return 0
    options = {o.slug: o for o in SupportOption.objects.exclude(payment="")}
    meetings = (
        Meeting.objects.filter(date__lte=today - datetime.timedelta(days=OLDEST_CLAIM_DAYS))
        .prefetch_related("attendees")
        .order_by("-date", "pk")
    )
    attended = [(m, p) for m in meetings for p in m.attendees.all()[:1]]
    added = 0
    for (meeting, person), (status, lines, days, reason) in zip(attended, CLAIMS, strict=False):
        if any(slug not in options for slug, _ in lines):
            continue
        claimed, approved, paid = (
            meeting.date + datetime.timedelta(days=d) if d is not None else None for d in days
        )
        claim = ExpenseClaim.objects.create(
            person=person,
            meeting=meeting,
            activity_date=meeting.date,
            submitted_on=claimed,
            status=status,
            rejection_reason=reason,
            approved_on=approved,
            approved_by=approver if approved else None,
            paid_on=paid,
        )
        for order, (slug, quantity) in enumerate(lines):
            line = ExpenseLine(
                claim=claim, option=options[slug], quantity=Decimal(quantity), sort_order=order
            )
            line.price()
            line.save()
        added += 1
    return added


def ensure_budget(row, today):
    """The whole group's budget for this year, with Paradigm's lines and Thirteen's homes."""
    year = year_of(today)
    budget, created = Budget.objects.get_or_create(
        landlord=None,
        year=year.start.year,
        defaults={
            "homes": row["homes"],
            "notes": f"Lines from Paradigm's {row['seed_year']} budget for customer involvement.",
        },
    )
    if not created:
        return None
    budget.funds.set(GrantFund.objects.filter(slug__in=row["funds"]))
    budget.save()
    for order, line in enumerate(row["lines"]):
        BudgetLine.objects.create(
            budget=budget, heading=line["heading"], amount=Decimal(line["amount"]), sort_order=order
        )
    for order, cost in enumerate(row["other_costs"]):
        day = max(today - relativedelta(months=cost["months_ago"]), year.start)
        OtherCost.objects.create(
            budget=budget,
            date=day,
            description=cost["description"],
            amount=Decimal(cost["amount"]),
            sort_order=order,
        )
    return budget
