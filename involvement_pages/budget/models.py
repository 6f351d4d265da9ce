"""The involvement budget: a landlord's yearly lines, and what was spent against them.

Spend is never typed as a total: it is the grants awarded from the funds the budget pays
for, the approved expense claims of the landlord's residents and the other costs entered on
the budget, each in the budget's financial year. Cost of involvement per household
(Gateshead's PI.1) is that spend over the number of homes entered for the year.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from involvement_pages.expenses.models import SPENT_STATUSES, ExpenseLine
from involvement_pages.grants.models import AWARDED_STATUSES, GrantApplication, GrantFund
from involvement_pages.money import ZERO, pounds
from involvement_pages.panels.models import long_date
from involvement_pages.snippets import Landlord
from involvement_pages.years import Year, start_month, year_of

MONEY = {"max_digits": 12, "decimal_places": 2}


class Budget(ClusterableModel):
    """A landlord's involvement budget for one financial year, and its number of homes."""

    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budgets",
        help_text=_("Leave blank for a budget that covers the whole group."),
    )
    year = models.PositiveSmallIntegerField(
        _("year starting"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The calendar year the financial year starts in: 2026 for 2026/27."),
    )
    homes = models.PositiveIntegerField(
        _("number of homes"),
        null=True,
        blank=True,
        help_text=_(
            "Homes the landlord (or the group) has this year. Cost of involvement per "
            "household is worked out from it."
        ),
    )
    funds = ParentalManyToManyField(
        GrantFund,
        verbose_name=_("grant funds paid from this budget"),
        blank=True,
        related_name="budgets",
        help_text=_("Awards from these funds in the year count as spent."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-year", "landlord__name"]
        verbose_name = _("involvement budget")
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year"],
                name="involvement_budget_one_per_landlord_year",
                violation_error_message=_("This landlord already has a budget for that year."),
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(landlord__isnull=True),
                name="involvement_budget_one_group_budget_per_year",
                violation_error_message=_("The group already has a budget for that year."),
            ),
        ]

    def __str__(self):
        who = self.landlord.name if self.landlord_id else gettext("Whole group")
        return f"{who} {self.period.label}" if self.year else who

    @property
    def period(self):
        return year_of(datetime.date(self.year, start_month(), 1))

    @property
    def planned(self):
        return sum((line.amount for line in self.lines.all()), ZERO)


@dataclass(frozen=True)
class Spending:
    """A budget against what was spent, by where the money went."""

    planned: Decimal
    grants: Decimal
    claims: Decimal
    other: Decimal
    homes: int | None

    @property
    def spent(self):
        return self.grants + self.claims + self.other

    @property
    def left(self):
        return self.planned - self.spent

    @property
    def cost_per_household(self):
        """Spend over homes, to the penny; None when the number of homes is not known."""
        if not self.homes:
            return None
        return (self.spent / self.homes).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def cost_per_household_display(self):
        value = self.cost_per_household
        return gettext("not known") if value is None else pounds(value)

    @property
    def as_rows(self):
        """(label, amount in pounds) in the order the budget page reads them."""
        return [
            (gettext("Budget"), pounds(self.planned)),
            (gettext("Grants awarded"), pounds(self.grants)),
            (gettext("Expense claims approved"), pounds(self.claims)),
            (gettext("Other costs"), pounds(self.other)),
            (gettext("Spent in all"), pounds(self.spent)),
            (gettext("Left"), pounds(self.left)),
            (gettext("Cost of involvement per household"), self.cost_per_household_display),
        ]


def _total(queryset, field):
    return queryset.aggregate(total=Sum(field))["total"] or ZERO


def spending(budget):
    """What ``budget`` planned, and spent from each source in its year (four queries)."""
    period: Year = budget.period
    grants = GrantApplication.objects.filter(
        status__in=AWARDED_STATUSES,
        fund__in=budget.funds.all(),
        decision_date__range=(period.start, period.end),
    )
    lines = ExpenseLine.objects.filter(
        claim__status__in=SPENT_STATUSES,
        claim__activity_date__range=(period.start, period.end),
    )
    if budget.landlord_id:
        lines = lines.filter(claim__person__landlord_id=budget.landlord_id)
    return Spending(
        planned=_total(budget.lines.all(), "amount"),
        grants=_total(grants, "amount_awarded"),
        claims=_total(lines, "amount"),
        other=_total(budget.other_costs.all(), "amount"),
        homes=budget.homes,
    )


class BudgetLine(Orderable):
    """One heading of the budget and the money set aside for it."""

    budget = ParentalKey(Budget, on_delete=models.CASCADE, related_name="lines")
    heading = models.CharField(_("heading"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0"))])

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")

    def __str__(self):
        return f"{self.heading}: {pounds(self.amount)}"

    @property
    def amount_display(self):
        return pounds(self.amount)


class OtherCost(Orderable):
    """A cost paid from the budget that is neither a grant nor a claim: a venue, a newsletter."""

    budget = ParentalKey(Budget, on_delete=models.CASCADE, related_name="other_costs")
    date = models.DateField(_("date"))
    description = models.CharField(_("what it was for"), max_length=200)
    amount = models.DecimalField(
        _("amount"),
        **MONEY,
        validators=[MinValueValidator(Decimal("0.01"), _("Enter an amount of more than £0."))],
    )

    class Meta(Orderable.Meta):
        verbose_name = _("other cost")

    def __str__(self):
        return f"{self.description}: {pounds(self.amount)}"

    @property
    def amount_display(self):
        return pounds(self.amount)

    def clean(self):
        super().clean()
        budget = getattr(self, "budget", None)  # None until the inline form attaches it
        if budget is None or not budget.year or not self.date:
            return
        period = budget.period
        if not period.start <= self.date <= period.end:
            raise ValidationError(
                {
                    "date": gettext("The date must be in the budget's year, %(start)s to %(end)s.")
                    % {"start": long_date(period.start), "end": long_date(period.end)}
                }
            )
