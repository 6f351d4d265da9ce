"""Grant funds, their years or rounds, applications, and the money left in each.

A fund's money sits in budget periods (``GrantRound``): one per financial year for a fund
with a yearly budget, or one per round for a fund that opens and closes on dates, such as
twice-yearly participatory budgeting. What is left in a period is its budget, plus what
the period before left unspent when the fund carries money over, minus what it awarded.
An award is refused if it would leave that period, or a later one it carries into, short.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from dateutil.relativedelta import relativedelta

from involvement_pages.money import ZERO, pounds
from involvement_pages.panels.models import Panel, long_date
from involvement_pages.years import year_of

REVIEW_AFTER = relativedelta(months=6)
MONEY = {"max_digits": 12, "decimal_places": 2}


class BudgetPeriod(models.TextChoices):
    YEAR = "year", _("A budget each financial year")
    ROUND = "round", _("Rounds that open and close on dates")


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    AWARDED = "awarded", _("Awarded")
    DECLINED = "declined", _("Declined")
    REVIEW_DUE = "review_due", _("6-month review due")
    EVALUATED = "evaluated", _("Evaluated")


S = ApplicationStatus
AWARDED_STATUSES = (S.AWARDED, S.REVIEW_DUE, S.EVALUATED)
# Where an application may go next. "Not eligible" can be looked at again (an appeal).
NEXT_STATUSES = {
    S.RECEIVED: (S.ELIGIBLE, S.INELIGIBLE),
    S.ELIGIBLE: (S.AWARDED, S.DECLINED, S.INELIGIBLE),
    S.INELIGIBLE: (S.ELIGIBLE,),
    S.AWARDED: (S.REVIEW_DUE, S.EVALUATED),
    S.DECLINED: (),
    S.REVIEW_DUE: (S.EVALUATED,),
    S.EVALUATED: (),
}


class GrantFund(ClusterableModel):
    """A pot of money residents and groups can apply to, with its criteria and deciding panel."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Short name used in web addresses and imports."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the fund is for, in plain English. Residents see this."),
    )
    criteria = models.TextField(
        _("criteria"), blank=True, help_text=_("Who can apply and what it pays for.")
    )
    budget_period = models.CharField(
        _("budget"), max_length=10, choices=BudgetPeriod.choices, default=BudgetPeriod.YEAR
    )
    deciding_panel = models.ForeignKey(
        Panel,
        verbose_name=_("deciding panel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funds_decided",
        help_text=_("The panel that decides applications, if a panel does."),
    )
    carry_over = models.BooleanField(
        _("unspent money carries over"),
        default=False,
        help_text=_("Money left at the end of a year or round is added to the next one."),
    )
    accepting_applications = models.BooleanField(
        _("accepting applications"),
        default=True,
        help_text=_("Untick to stop taking applications, even while a year or round is open."),
    )
    application_form = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("application form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The form residents fill in to apply."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("grant fund")

    def __str__(self):
        return self.name

    def open_round(self, today=None):
        """The year or round taking applications today, or None."""
        today = today or timezone.localdate()
        if not self.accepting_applications:
            return None
        return next((r for r in self.rounds.all() if r.opens <= today <= r.closes), None)

    def next_round(self, today=None):
        today = today or timezone.localdate()
        return next((r for r in self.rounds.all() if r.opens > today), None)


class GrantRound(models.Model):
    """A fund's budget for one financial year, or for one round with opening and closing dates."""

    fund = ParentalKey(
        GrantFund, verbose_name=_("fund"), on_delete=models.CASCADE, related_name="rounds"
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_(
            "For example '2026/27' or 'Autumn 2027'. Left blank, it is made from the dates."
        ),
    )
    opens = models.DateField(
        _("opens"), help_text=_("For a yearly budget, the first day of the year.")
    )
    closes = models.DateField(
        _("closes"),
        null=True,
        blank=True,
        help_text=_(
            "Last day applications are taken. For a yearly budget, leave blank for "
            "the end of the financial year."
        ),
    )
    budget = models.DecimalField(
        _("budget"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In pounds. Leave blank until it is set: nothing can be awarded until then."),
    )

    class Meta:
        ordering = ["opens", "pk"]
        verbose_name = _("year or round")
        verbose_name_plural = _("years and rounds")

    def __str__(self):
        return f"{self.fund}: {self.name}" if self.fund_id else self.name

    def clean(self):
        if self.opens and not self.closes:
            self.closes = year_of(self.opens).end
        if self.opens and not self.name:
            year = year_of(self.opens)
            whole_year = self.opens == year.start and self.closes == year.end
            self.name = (
                year.label
                if whole_year
                else gettext("Opening %(date)s") % {"date": long_date(self.opens)}
            )
        if self.opens and self.closes and self.closes < self.opens:
            raise ValidationError(
                {"closes": _("The closing date must be on or after the opening date.")}
            )
        if self.pk and self.budget is not None:
            awarded = awarded_by_round([self.pk]).get(self.pk, ZERO)
            if self.budget < awarded:
                raise ValidationError(
                    {
                        "budget": gettext(
                            "%(awarded)s has already been awarded from %(round)s, so its "
                            "budget cannot be less than that."
                        )
                        % {"awarded": pounds(awarded), "round": self.name}
                    }
                )


class ApplicationQuerySet(models.QuerySet):
    def awards(self):
        return self.filter(status__in=AWARDED_STATUSES)

    def reviews_due(self, today=None):
        """Awards whose 6-month review date has come and that are not yet evaluated."""
        today = today or timezone.localdate()
        return self.filter(status__in=(S.AWARDED, S.REVIEW_DUE), review_due_on__lte=today)


class GrantApplication(models.Model):
    """A bid for money from a fund, and what was decided. The applicant is personal data."""

    fund = models.ForeignKey(
        GrantFund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="applications"
    )
    round = models.ForeignKey(
        GrantRound,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("year or round"),
        help_text=_("Left blank, it is the fund's year or round that covers the date received."),
    )
    received_on = models.DateField(_("date received"), default=timezone.localdate)
    applicant_group = models.ForeignKey(
        Panel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_applications",
        verbose_name=_("applying group"),
        help_text=_("A residents' association or panel we support."),
    )
    applicant_name = models.CharField(
        _("group or organisation"),
        max_length=200,
        blank=True,
        help_text=_("Another group's name. Left blank, it is the applying group's name."),
    )
    applicant_person = models.ForeignKey(
        "involvement_forms.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_applications",
        verbose_name=_("person applying"),
        help_text=_(
            "The contact for a group, or a resident applying on their own. Never published."
        ),
    )
    project = models.CharField(
        _("project"), max_length=200, help_text=_("A short name for what it pays for.")
    )
    description = models.TextField(_("what the money is for"), blank=True)
    amount_requested = models.DecimalField(
        _("amount asked for"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=S.RECEIVED,
        db_index=True,
    )
    amount_awarded = models.DecimalField(
        _("amount awarded"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    deciding_panel = models.ForeignKey(
        Panel,
        verbose_name=_("deciding panel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants_decided",
        help_text=_("Left blank, it is the fund's deciding panel."),
    )
    review_due_on = models.DateField(
        _("6-month review due"), null=True, blank=True, editable=False, db_index=True
    )
    outcome_evaluation = models.TextField(
        _("outcome evaluation"),
        blank=True,
        help_text=_("What the project achieved, found at the review."),
    )
    notes = models.TextField(
        _("reasons and notes"), blank=True, help_text=_("For officers only; never published.")
    )
    published = models.BooleanField(
        _("publish on the grants page"),
        default=False,
        help_text=_(
            "Shows the group, project and amount on the public grants page. "
            "Only awards can be published; the person applying never is."
        ),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["fund", "status"]),
        ]

    def __str__(self):
        return f"{self.project} ({self.applicant_label})"

    def save(self, *args, **kwargs):
        if self.deciding_panel_id is None and self.fund_id:
            self.deciding_panel_id = self.fund.deciding_panel_id
        if not self.applicant_name and self.applicant_group_id:
            self.applicant_name = self.applicant_group.name
        is_award = self.is_award and self.decision_date
        self.review_due_on = self.decision_date + REVIEW_AFTER if is_award else None
        if not (self.is_award and self.round_id and self.amount_awarded):
            return super().save(*args, **kwargs)
        # Check the money again inside the transaction that writes it, with the fund's
        # rounds locked, so two officers awarding at once cannot both spend the last pound.
        with transaction.atomic():
            list(GrantRound.objects.select_for_update().filter(fund_id=self.fund_id))
            problem = award_problem(self)
            if problem:
                raise ValidationError({"amount_awarded": problem})
            super().save(*args, **kwargs)
        return None

    @property
    def applicant_label(self):
        """Who applied, as officers see it."""
        if self.applicant_name:
            return self.applicant_name
        if self.applicant_group_id:
            return str(self.applicant_group)
        return (
            str(self.applicant_person) if self.applicant_person_id else gettext("Unknown applicant")
        )

    @property
    def public_applicant(self):
        """Who applied, as the public page shows it: never a person's name."""
        return self.applicant_name or gettext("A resident")

    @property
    def is_award(self):
        return self.status in AWARDED_STATUSES

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if not (self.applicant_group_id or self.applicant_name or self.applicant_person_id):
            errors["applicant_name"] = _(
                "Enter the group or organisation applying, or choose the person applying."
            )
        if self.fund_id:
            self._clean_round(errors)
        self._clean_status(errors)
        if self.decision_date and self.decision_date > today:
            errors["decision_date"] = _("The decision date cannot be in the future.")
        elif self.decision_date and self.received_on and self.decision_date < self.received_on:
            errors["decision_date"] = _("The decision date cannot be before the date received.")
        if self.published and not self.is_award:
            errors["published"] = _(
                "Only awards are published. Untick this, or award the application first."
            )
        if not errors and self.is_award and self.round_id and self.amount_awarded:
            problem = award_problem(self)
            if problem:
                errors["amount_awarded"] = problem
        if errors:
            raise ValidationError(errors)

    def _clean_round(self, errors):
        if self.round_id is None and self.received_on:
            found = self.fund.rounds.filter(
                opens__lte=self.received_on, closes__gte=self.received_on
            ).first()
            if found is None:
                errors["round"] = gettext(
                    "No year or round of %(fund)s covers %(date)s. "
                    "Add one to the fund, or choose one here."
                ) % {"fund": self.fund, "date": long_date(self.received_on)}
            else:
                self.round = found
        elif self.round_id and self.round.fund_id != self.fund_id:
            errors["round"] = gettext("%(round)s belongs to %(owner)s, not %(fund)s.") % {
                "round": self.round.name,
                "owner": self.round.fund,
                "fund": self.fund,
            }

    def _clean_status(self, errors):
        if self.status not in ApplicationStatus.values:
            return  # the field itself reports a status it does not know
        status = ApplicationStatus(self.status)
        before = self._saved_status()
        if before and before != status and status not in NEXT_STATUSES[before]:
            allowed = [ApplicationStatus(s).label for s in NEXT_STATUSES[before]]
            if allowed:
                errors["status"] = gettext(
                    "An application that is %(before)s can move to %(allowed)s, not %(status)s."
                ) % {
                    "before": before.label,
                    "allowed": get_text_list(allowed, gettext("or")),
                    "status": status.label,
                }
            else:
                errors["status"] = gettext("This application is %(before)s: that is final.") % {
                    "before": before.label
                }
            return
        if status in AWARDED_STATUSES:
            if not self.amount_awarded:
                errors["amount_awarded"] = _("Enter the amount awarded.")
            elif self.amount_requested and self.amount_awarded > self.amount_requested:
                errors["amount_awarded"] = gettext(
                    "The award cannot be more than was asked for (%(requested)s)."
                ) % {"requested": pounds(self.amount_requested)}
            if not self.decision_date:
                errors["decision_date"] = _("Enter the date the award was decided.")
        elif self.amount_awarded:
            errors["amount_awarded"] = gettext(
                "Clear the amount awarded: an application that is %(status)s "
                "has no award. To award money, set the status to Awarded."
            ) % {"status": status.label}
        if status == S.DECLINED and not self.decision_date:
            errors["decision_date"] = _("Enter the date it was declined.")
        if status == S.EVALUATED and not self.outcome_evaluation.strip():
            errors["outcome_evaluation"] = _("Enter what the project achieved.")

    def _saved_status(self):
        if self.pk is None:
            return None  # a new record may start at any stage, for decisions made before
        saved = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        return ApplicationStatus(saved) if saved else None

    @property
    def amount_requested_display(self):
        return pounds(self.amount_requested)

    @property
    def amount_awarded_display(self):
        return pounds(self.amount_awarded)


# The arithmetic.


@dataclass
class Balance:
    """A year's or round's money: budget, carried in from before, awarded, left."""

    round: GrantRound
    budget: Decimal | None
    carried_in: Decimal = ZERO
    awarded: Decimal = ZERO
    applications: list = field(default_factory=list)

    @property
    def available(self):
        return None if self.budget is None else self.budget + self.carried_in

    @property
    def left(self):
        return None if self.budget is None else self.available - self.awarded

    @property
    def budget_display(self):
        return gettext("Not set") if self.budget is None else pounds(self.budget)

    @property
    def carried_in_display(self):
        return pounds(self.carried_in)

    @property
    def awarded_display(self):
        return pounds(self.awarded)

    @property
    def left_display(self):
        return gettext("Not set") if self.left is None else pounds(self.left)

    def explain(self):
        """'budget £5,000, carried over £250, awarded £3,750': how ``left`` was reached."""
        if self.budget is None:
            return gettext("no budget set yet")
        parts = [gettext("budget %(amount)s") % {"amount": pounds(self.budget)}]
        if self.carried_in:
            parts.append(gettext("carried over %(amount)s") % {"amount": pounds(self.carried_in)})
        parts.append(gettext("awarded %(amount)s") % {"amount": pounds(self.awarded)})
        return ", ".join(parts)


def awarded_by_round(round_ids, exclude_pk=None):
    rows = GrantApplication.objects.awards().filter(round_id__in=round_ids)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    rows = rows.order_by().values_list("round_id").annotate(total=Sum("amount_awarded"))
    return {round_id: total or ZERO for round_id, total in rows}


def chain(rounds, awarded, carry_over, today=None):
    """Balances of one fund's rounds, in date order, carrying unspent money if it does.

    Money carries into a year or round once it opens: until then the round before can still
    spend it, and showing it in both places would count it twice.
    """
    today = today or timezone.localdate()
    balances, carry = [], ZERO
    for grant_round in rounds:
        carried_in = carry if grant_round.opens <= today else ZERO
        spent = awarded.get(grant_round.pk, ZERO)
        balance = Balance(grant_round, grant_round.budget, carried_in, spent)
        balances.append(balance)
        carry = max(balance.left, ZERO) if carry_over and balance.left is not None else ZERO
    return balances


def fund_balances(funds, prefetched=False):
    """{round pk: Balance} for every year or round of ``funds``, in two queries.

    With ``prefetched``, the funds' rounds were fetched with ``prefetch_related("rounds")``
    and one query is enough.
    """
    if prefetched:
        rounds = sorted(
            (r for fund in funds for r in fund.rounds.all()),
            key=lambda r: (r.fund_id, r.opens, r.pk),
        )
    else:
        rounds = list(
            GrantRound.objects.filter(fund__in=funds)
            .select_related("fund")
            .order_by("fund_id", "opens", "pk")
        )
    awarded = awarded_by_round([r.pk for r in rounds])
    found = {}
    for _fund, fund_rounds in groupby(rounds, key=lambda r: r.fund_id):
        fund_rounds = list(fund_rounds)
        for balance in chain(fund_rounds, awarded, fund_rounds[0].fund.carry_over):
            found[balance.round.pk] = balance
    return found


def current_balance(fund, balances, today=None):
    """The balance of the fund's year or round for today, else its latest one started."""
    today = today or timezone.localdate()
    mine = [b for b in balances.values() if b.round.fund_id == fund.pk]
    started = [b for b in mine if b.round.opens <= today]
    for balance in started:
        if balance.round.closes >= today:
            return balance
    return started[-1] if started else (mine[0] if mine else None)


def award_problem(application):
    """Why this award does not fit the money left, in plain English, or None."""
    rounds = list(GrantRound.objects.filter(fund_id=application.fund_id).order_by("opens", "pk"))
    awarded = awarded_by_round([r.pk for r in rounds], exclude_pk=application.pk)
    before = chain(rounds, awarded, application.fund.carry_over)
    awarded[application.round_id] = awarded.get(application.round_id, ZERO) + (
        application.amount_awarded
    )
    after = chain(rounds, awarded, application.fund.carry_over)
    mine = next(i for i, b in enumerate(after) if b.round.pk == application.round_id)
    balance = before[mine]
    if balance.budget is None:
        return gettext(
            "%(round)s of %(fund)s has no budget set yet. "
            "Set its budget on the fund before awarding money."
        ) % {"round": balance.round.name, "fund": application.fund}
    if after[mine].left < 0:
        return gettext(
            "This award of %(award)s is more than is left in %(fund)s %(round)s: "
            "%(left)s left (%(explanation)s)."
        ) % {
            "award": pounds(application.amount_awarded),
            "fund": application.fund,
            "round": balance.round.name,
            "left": pounds(balance.left),
            "explanation": balance.explain(),
        }
    for later, was in zip(after[mine + 1 :], before[mine + 1 :], strict=True):
        if later.left is not None and later.left < 0:
            return gettext(
                "This award would leave %(later)s overspent by %(overspend)s: money unspent "
                "in %(round)s carries over to %(later)s, which has already awarded "
                "%(awarded)s."
            ) % {
                "later": later.round.name,
                "overspend": pounds(-later.left),
                "round": balance.round.name,
                "awarded": pounds(was.awarded),
            }
    return None
