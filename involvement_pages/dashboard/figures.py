"""The dashboard's figures for one year and one landlord (or all), each from the records.

Each :class:`Figure` carries its label, its value, its target where the seeds set one, the
link to the list behind it, and whether it may appear on the public annual report (counts
of people and changes made may; anything about named people or money owed may not).

Every figure is added up by the database, and the number of queries does not grow with
the records: the dashboard is held to a query bound at two sizes in the tests.

INVOLVEMENT_INVOLVED_TARGET_PERCENT
    The share of customers the landlord aims to have involved each year: 10 (the seeds'
    "10% of all customers") unless a host sets it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forms.involvement import NOT_INVOLVED_12_MONTHS, involved_between, last_twelve_months
from forms.models import Person
from involvement_pages.budget.models import Budget, Spending, spending
from involvement_pages.expenses.models import (
    SPENT_STATUSES,
    ClaimStatus,
    ExpenseClaim,
    ExpenseLine,
)
from involvement_pages.grants.models import AWARDED_STATUSES, GrantApplication
from involvement_pages.money import ZERO
from involvement_pages.outcomes.models import Outcome
from involvement_pages.panels.models import Panel, PanelKind, PanelStatus
from involvement_pages.scrutiny.models import Recommendation
from involvement_pages.years import start_month, year_of

from .profiles import CustomerProfile

DEFAULT_TARGET_PERCENT = 10


@dataclass
class Figure:
    key: str
    label: str
    value: object
    unit: str = ""  # "people", "percent", "pounds", "days" or "" for a plain count
    target: object = None
    url: str = ""  # the list behind the figure, for officers
    public: bool = False  # may be shown on the annual report
    notes: list = field(default_factory=list)


def target_percent():
    return getattr(settings, "INVOLVEMENT_INVOLVED_TARGET_PERCENT", DEFAULT_TARGET_PERCENT)


def people(landlord=None):
    found = Person.objects.filter(erased_at__isnull=True)
    return found.filter(landlord=landlord) if landlord else found


def list_url(name, **params):
    """The admin list ``name`` with its filters set; empty filters are left out."""
    url = reverse(name)
    given = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{url}?{urlencode(given, doseq=True)}" if given else url


def snippet_list(model, **params):
    return list_url(model.snippet_viewset.get_url_name("list"), **params)


def counted_to(year, today):
    """The last day of ``year`` that has happened: figures "so far" stop at today."""
    return min(year.end, today)


def budget_year(year):
    """The financial year a period's budget is kept under: the one it starts in."""
    return year_of(year.start).start.year


def customers_and_homes(year, landlord):
    """(customers from the customer profile, homes from the budget), either None if unknown.

    For all landlords the group's own profile (or budget) is used, or failing that the sum
    of every landlord's, when each has one. Two queries whatever the number of landlords.
    """
    first = budget_year(year)
    profiles = dict(CustomerProfile.objects.filter(year=first).values_list("landlord", "customers"))
    homes = dict(
        Budget.objects.filter(year=first, homes__isnull=False).values_list("landlord", "homes")
    )

    def pick(found):
        if landlord is not None:
            return found.get(landlord.pk)
        if None in found:
            return found[None]
        return sum(found.values()) if found else None

    return pick(profiles), pick(homes)


def people_counts(year, landlord, today, involved=None):
    """Involved in the year (unless the caller counted them already), joined in the year,
    and active but not involved in the last 12 months.

    Each is its own WHERE rather than one query's FILTERs: PostgreSQL turns an EXISTS in a
    WHERE into a join, but runs it once a person inside a FILTER (seven times as slow)."""
    end = counted_to(year, today)
    registered = people(landlord)
    if involved is None:
        involved = registered.filter(involved_between(year.start, year.end)).count()
    return {
        "involved": involved,
        "new": registered.filter(date_joined__range=(year.start, year.end)).count(),
        "not_recent": registered.filter(is_active=True, date_joined__lte=end)
        .exclude(involved_between(*last_twelve_months(end)))
        .count(),
    }


def involved_figures(year, landlord, today, registered, involved=None):
    counts = people_counts(year, landlord, today, involved)
    customers, homes = customers_and_homes(year, landlord)
    landlord_pk = landlord.pk if landlord else None
    percent = target_percent()
    base = customers or homes
    involved = Figure(
        "involved",
        _("People involved"),
        counts["involved"],
        unit="people",
        url=list_url(registered, involved_in=year.start.year, landlord=landlord_pk),
        public=True,
    )
    if base:
        involved.target = (Decimal(base) * Decimal(percent) / 100).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        source = gettext("customers") if customers else gettext("homes")
        involved.notes.append(
            gettext("Target: %(percent)s%% of %(base)s %(source)s.")
            % {"percent": percent, "base": f"{base:,}", "source": source}
        )
        share = Decimal(counts["involved"] * 100) / Decimal(base)
        involved.notes.append(
            gettext("%(share)s%% of %(source)s are involved.")
            % {"share": share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "source": source}
        )
        if not customers:
            involved.notes.append(
                gettext("Counted from the budget's homes: enter a customer profile.")
            )
    else:
        involved.notes.append(gettext("No target: enter a customer profile."))
    return [
        involved,
        Figure(
            "new_people",
            _("New people"),
            counts["new"],
            unit="people",
            url=list_url(registered, landlord=landlord_pk),
            public=True,
            notes=[gettext("Joined the register in the year (PI.2).")],
        ),
        Figure(
            "not_involved",
            _("People not involved in the last 12 months"),
            counts["not_recent"],
            unit="people",
            url=list_url(
                registered,
                involvement=NOT_INVOLVED_12_MONTHS,
                is_active="true",
                landlord=landlord_pk,
            ),
            notes=[gettext("Active on the register, with no record of involvement.")],
        ),
    ]


def panels_of(landlord):
    found = Panel.objects.exclude(status=PanelStatus.CLOSED)
    if landlord is None:
        return found
    covering = Panel.objects.filter(Q(landlords=landlord) | Q(landlords__isnull=True))
    return found.filter(pk__in=covering.values("pk"))


def promised_so_far(target, year, today):
    """Meetings a panel should have held by ``today``: its yearly promise shared over the
    days gone by, so a six-month report expects half (never more than the year's)."""
    elapsed = (counted_to(year, today) - year.start).days + 1
    if elapsed <= 0:
        return 0
    return min(target, target * elapsed // 365)


def panel_meetings(year, landlord, today):
    """[(panel, held, promised so far)] for open panels that promise a number of meetings."""
    panels = (
        panels_of(landlord)
        .filter(target_meetings_a_year__gt=0)
        .annotate(held=Count("meetings", filter=Q(meetings__date__range=(year.start, year.end))))
        .order_by("name")
    )
    return [
        (panel, panel.held, promised_so_far(panel.target_meetings_a_year, year, today))
        for panel in panels
    ]


def panel_figures(year, landlord, today, meetings):
    landlord_pk = landlord.pk if landlord else None
    kept = sum(1 for _panel, held, promised in meetings if held >= promised)
    ra_due = (
        panels_of(landlord)
        .filter(
            kind=PanelKind.RESIDENTS_ASSOCIATION,
            next_support_visit_due__lte=counted_to(year, today),
        )
        .count()
    )
    panel_list = Panel.snippet_viewset.get_url_name("list")
    return [
        Figure(
            "panels_meeting",
            _("Panels meeting as often as promised"),
            kept,
            target=len(meetings),
            url=list_url(panel_list, landlord=landlord_pk, status=PanelStatus.ACTIVE),
            public=True,
            notes=[
                gettext(
                    "The target is all %(panels)d open panels that promise a number of "
                    "meetings; counted so far."
                )
                % {"panels": len(meetings)}
            ],
        ),
        Figure(
            "support_visits_due",
            _("Residents' associations due a support visit"),
            ra_due,
            url=list_url(panel_list, landlord=landlord_pk, kind=PanelKind.RESIDENTS_ASSOCIATION),
        ),
    ]


def records_figures(year, landlord, today):
    """Grant reviews and overdue recommendations: kept for the group, not per landlord."""
    day = counted_to(year, today)
    whole_group = [gettext("For the whole group: not kept per landlord.")] if landlord else []
    return [
        Figure(
            "grant_reviews_due",
            _("Grant reviews due"),
            GrantApplication.objects.reviews_due(day).count(),
            url=snippet_list(GrantApplication, reviews_due="true"),
            notes=list(whole_group),
        ),
        Figure(
            "overdue_recommendations",
            _("Overdue recommendations"),
            Recommendation.objects.overdue(day).count(),
            url=list_url("involvement_scrutiny_overdue:index"),
            notes=list(whole_group),
        ),
    ]


def claims_figures(year, landlord):
    owed = ExpenseLine.objects.filter(claim__status=ClaimStatus.APPROVED)
    paid = ExpenseClaim.objects.filter(
        status=ClaimStatus.PAID, paid_on__range=(year.start, year.end)
    )
    if landlord:
        owed = owed.filter(claim__person__landlord=landlord)
        paid = paid.filter(person__landlord=landlord)
    owed = owed.aggregate(claims=Count("claim", distinct=True), amount=Sum("amount"))
    waited = paid.aggregate(
        days=Avg(ExpressionWrapper(F("paid_on") - F("submitted_on"), output_field=DurationField()))
    )["days"]
    days = None
    if waited is not None:
        days = (Decimal(waited.total_seconds()) / 86400).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    claims_list = "involvement_expense_claims:index"
    return [
        Figure(
            "claims_unpaid",
            _("Claims approved, not yet paid"),
            owed["claims"],
            url=list_url(claims_list, status=ClaimStatus.APPROVED),
            notes=[gettext("Owed: £%(amount)s.") % {"amount": f"{owed['amount'] or ZERO:,.2f}"}],
        ),
        Figure(
            "days_to_pay",
            _("Average days to pay a claim"),
            days,
            unit="days",
            url=list_url(claims_list, status=ClaimStatus.PAID),
            notes=[gettext("Claims paid in the year, from the day claimed.")],
        ),
    ]


def financial_year(first_year):
    return year_of(datetime.date(first_year, start_month(), 1))


def all_landlords_spending(first_year):
    """Every landlord's budget for the year added up, a fund two budgets share counted
    once; None when no budget is kept for the year. Five queries, as ``spending`` is."""
    budgets = Budget.objects.filter(year=first_year)
    found = budgets.aggregate(
        n=Count("pk"), all_homes=Sum("homes"), unknown=Count("pk", filter=Q(homes=None))
    )
    if not found["n"]:
        return None
    period = financial_year(first_year)
    awards = GrantApplication.objects.filter(
        status__in=AWARDED_STATUSES,
        fund__in=Budget.funds.through.objects.filter(budget__in=budgets).values("grantfund"),
        decision_date__range=(period.start, period.end),
    )
    claims = ExpenseLine.objects.filter(
        claim__status__in=SPENT_STATUSES,
        claim__activity_date__range=(period.start, period.end),
    )
    return Spending(
        planned=budgets.aggregate(total=Sum("lines__amount"))["total"] or ZERO,
        grants=awards.aggregate(total=Sum("amount_awarded"))["total"] or ZERO,
        claims=claims.aggregate(total=Sum("amount"))["total"] or ZERO,
        other=budgets.aggregate(total=Sum("other_costs__amount"))["total"] or ZERO,
        homes=None if found["unknown"] else found["all_homes"],
    )


def spending_of(year, landlord):
    """The year's :class:`Spending` for the landlord, or the group's (its own budget, else
    every landlord's added up); None without a budget."""
    first = budget_year(year)
    budget = Budget.objects.filter(year=first, landlord=landlord).first()
    if budget is not None:
        return spending(budget)
    return all_landlords_spending(first) if landlord is None else None


def budget_figures(year, landlord):
    first = budget_year(year)
    found = spending_of(year, landlord)
    url = snippet_list(Budget, year=first, landlord=landlord.pk if landlord else None)
    label = financial_year(first).label
    if found is None:
        missing = [gettext("No budget entered for %(year)s.") % {"year": label}]
        return [
            Figure("budget_spent", _("Budget spent"), None, "pounds", url=url, notes=missing),
            Figure("budget_left", _("Budget left"), None, "pounds", url=url, notes=missing),
            Figure(
                "cost_per_household",
                _("Cost of involvement per household"),
                None,
                "pounds",
                url=url,
                public=True,
                notes=missing,
            ),
        ]
    per_home = [] if found.homes else [gettext("Enter the number of homes on the budget.")]
    return [
        Figure(
            "budget_spent",
            _("Budget spent"),
            found.spent,
            "pounds",
            target=found.planned,
            url=url,
            notes=[gettext("Of the %(year)s budget.") % {"year": label}],
        ),
        Figure("budget_left", _("Budget left"), found.left, "pounds", url=url),
        Figure(
            "cost_per_household",
            _("Cost of involvement per household"),
            found.cost_per_household,
            "pounds",
            url=url,
            public=True,
            notes=[gettext("PI.1."), *per_home],
        ),
    ]


def outcomes_figure(year, landlord):
    found = Outcome.objects.filter(date__range=(year.start, year.end))
    if landlord:
        found = found.filter(landlord=landlord)
    return Figure(
        "outcomes",
        _("Changes made because of involvement"),
        found.count(),
        url=snippet_list(
            Outcome,
            date_after=year.start.isoformat(),
            date_before=year.end.isoformat(),
            landlord=landlord.pk if landlord else None,
        ),
        public=True,
        notes=[gettext("'You said, we did' outcomes dated in the year (PI.4).")],
    )


def dashboard_figures(year, landlord=None, *, today=None, meetings=None, involved=None):
    """[Figure] for ``year`` (a :class:`involvement_pages.years.Year`) and ``landlord``.

    ``meetings`` (from :func:`panel_meetings`) and ``involved`` (the number of people
    involved) take what the caller has worked out already, so the dashboard asks the
    database once for a figure and the table behind it.
    """
    today = today or timezone.localdate()
    if meetings is None:
        meetings = panel_meetings(year, landlord, today)
    return [
        *involved_figures(year, landlord, today, "involvement_register:index", involved),
        *panel_figures(year, landlord, today, meetings),
        *records_figures(year, landlord, today),
        *claims_figures(year, landlord),
        *budget_figures(year, landlord),
        outcomes_figure(year, landlord),
    ]
