"""The board report: the dashboard's figures for any period, with what a board asks after.

The seeds' boards receive "six monthly update reports": the involvement figures, the
scrutiny recommendations that are late, each action plan's red, amber and green, and the
budget against what was spent. Every part is a :class:`tables.Table`, so the admin page,
the printed copy, the HTML download and the CSV all show the same cells.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dateutil.relativedelta import relativedelta

from involvement_pages.action_plans import rag
from involvement_pages.action_plans.models import ActionPlan
from involvement_pages.budget.models import Budget, spending
from involvement_pages.money import pounds
from involvement_pages.panels.models import long_date
from involvement_pages.scrutiny.models import Recommendation
from involvement_pages.snippets import Landlord
from involvement_pages.years import Year, year_of

from .figures import dashboard_figures
from .report_values import figure_row
from .tables import Table

# Dates a financial year can be worked out for, and that a board could ask about.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def default_period(today=None):
    """The last six months, ending today: the seeds' boards hear every six months."""
    today = today or timezone.localdate()
    return today - relativedelta(months=6) + datetime.timedelta(days=1), today


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), help_text=_("Day first, like 1/10/2026."))
    end = forms.DateField(label=_("To"), help_text=_("Day first, like 31/3/2027."))
    landlord = forms.ModelChoiceField(
        Landlord.objects.all(),
        label=_("Landlord"),
        required=False,
        empty_label=_("The whole group"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(
                    name,
                    gettext("Give a date between %(first)s and %(last)s.")
                    % {"first": long_date(EARLIEST), "last": long_date(LATEST)},
                )
        if start and end and end < start and not self.errors:
            self.add_error("end", gettext("The end of the period must be on or after its start."))
        return cleaned


@dataclass
class BoardReport:
    start: datetime.date
    end: datetime.date
    landlord: Landlord | None
    tables: list

    @property
    def period_label(self):
        return gettext("%(start)s to %(end)s") % {
            "start": long_date(self.start),
            "end": long_date(self.end),
        }

    @property
    def who(self):
        return self.landlord.name if self.landlord else gettext("The whole group")

    @property
    def filename(self):
        who = self.landlord.slug if self.landlord else "group"
        return f"board-report-{who}-{self.start:%Y-%m-%d}-to-{self.end:%Y-%m-%d}"


def figures_table(start, end, landlord):
    rows = [list(figure_row(figure)) for figure in dashboard_figures(Year(start, end), landlord)]
    return Table(
        "figures",
        gettext("Involvement figures"),
        [gettext("Figure"), gettext("For the period"), gettext("Target")],
        rows,
        notes=[
            gettext("Counts of fewer than 5 people are not shown, so nobody can be identified.")
        ],
    )


def overdue_table(as_at):
    late = (
        Recommendation.objects.overdue(as_at)
        .select_related("review")
        .order_by("due_on", "review__topic", "pk")
    )
    rows = [
        [
            recommendation.review.topic,
            recommendation.text,
            recommendation.owner,
            long_date(recommendation.due_on),
            recommendation.get_status_display(),
        ]
        for recommendation in late
    ]
    return Table(
        "overdue-recommendations",
        gettext("Scrutiny recommendations overdue on %(day)s") % {"day": long_date(as_at)},
        [
            gettext("Review"),
            gettext("Recommendation"),
            gettext("Owner"),
            gettext("Due"),
            gettext("Status"),
        ],
        rows,
        notes=[] if rows else [gettext("No recommendations are overdue.")],
    )


def action_plans_table(start, end, landlord, as_at):
    plans = ActionPlan.objects.filter(starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )
    if landlord:
        plans = plans.filter(Q(landlord=landlord) | Q(landlord__isnull=True))
    rows = []
    for plan in plans.select_related("landlord").prefetch_related("actions"):
        counts = plan.rag_counts(as_at)
        rows.append([plan.title, *(counts[colour] for colour, _label in rag.COLOURS)])
    return Table(
        "action-plans",
        gettext("Action plans: red, amber and green on %(day)s") % {"day": long_date(as_at)},
        [gettext("Plan"), *(str(label) for _colour, label in rag.COLOURS)],
        rows,
        notes=[
            gettext(
                "Red: past its target date and not done. Amber: less done than the time gone. "
                "Green: done or on track."
            )
        ]
        if rows
        else [gettext("No action plan runs in this period.")],
    )


def budget_table(start, end, landlord):
    years = range(year_of(start).start.year, year_of(end).start.year + 1)
    budgets = Budget.objects.filter(year__in=years).select_related("landlord")
    if landlord:
        budgets = budgets.filter(landlord=landlord)
    rows = []
    for budget in budgets.order_by("year", "landlord__name"):
        money = spending(budget)
        rows.append(
            [
                str(budget),
                pounds(money.planned),
                pounds(money.spent),
                pounds(money.left),
                money.cost_per_household_display,
            ]
        )
    return Table(
        "budget",
        gettext("Budget against spend"),
        [
            gettext("Budget"),
            gettext("Planned"),
            gettext("Spent"),
            gettext("Left"),
            gettext("Cost per household"),
        ],
        rows,
        notes=[gettext("Each budget covers its whole financial year, not only this period.")]
        if rows
        else [gettext("No budget has been entered for these years.")],
    )


def board_report(start, end, landlord=None, today=None):
    today = today or timezone.localdate()
    # Late as at the end of the period, or today for a period still running.
    as_at = min(end, today)
    return BoardReport(
        start,
        end,
        landlord,
        [
            figures_table(start, end, landlord),
            overdue_table(as_at),
            action_plans_table(start, end, landlord, as_at),
            budget_table(start, end, landlord),
        ],
    )
