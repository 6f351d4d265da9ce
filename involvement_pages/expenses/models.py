"""Expense claims: what taking part cost a resident, worked out from the support rates.

A claim is one person's costs for one activity (an opportunity, a calendar event or a panel
meeting). Each line names a support option paid in money: mileage and childcare are the
quantity times the option's rate, taken when the line is priced and kept, so a later change
of rate leaves old claims alone; taxis and other costs are the amount on the receipt.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import Q, Sum
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from involvement_pages.calendar.models import EventPage
from involvement_pages.models import OpportunityPage
from involvement_pages.money import ZERO, pounds, rate
from involvement_pages.panels.models import Meeting, long_date
from involvement_pages.snippets import PaymentKind, SupportOption

from .storage import receipt_storage

MONEY = {"max_digits": 10, "decimal_places": 2}
PENNY = Decimal("0.01")
HOURS_IN_A_DAY = Decimal("24")
RECEIPT_TYPES = {
    "pdf": b"%PDF",
    "png": b"\x89PNG",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}
RECEIPT_MAX_BYTES = 10 * 1024 * 1024


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")


S = ClaimStatus
#: Where a claim may go next. A rejected claim can be put right and submitted again.
NEXT_STATUSES = {
    S.SUBMITTED: (S.APPROVED, S.REJECTED),
    S.APPROVED: (S.PAID,),
    S.REJECTED: (S.SUBMITTED,),
    S.PAID: (),
}
#: Claims the landlord owes or has paid: the money counted as spent.
SPENT_STATUSES = (S.APPROVED, S.PAID)


def self_approval_problem(claim, user):
    """Why ``user`` may not approve or pay ``claim``, or None.

    The register links no login to a person, so the claimant's account is the one that
    entered the claim, or any account with the claimant's email address.
    """
    if claim.submitted_by_id and claim.submitted_by_id == user.pk:
        return gettext("You entered this claim, so another officer must approve and pay it.")
    email = (getattr(user, "email", "") or "").strip().lower()
    if email and claim.person_id and (claim.person.email or "").strip().lower() == email:
        return gettext(
            "This claim is for %(person)s, whose email address is on your account, so "
            "another officer must approve and pay it."
        ) % {"person": claim.person}
    return None


class ClaimQuerySet(models.QuerySet):
    def with_totals(self):
        return self.annotate(total_amount=Sum("lines__amount"))

    def spent(self):
        return self.filter(status__in=SPENT_STATUSES)

    def to_pay(self):
        return self.filter(status=S.APPROVED)


class ExpenseClaim(ClusterableModel):
    """One person's out-of-pocket costs for one activity, and what became of the claim."""

    person = models.ForeignKey(
        "involvement_forms.Person",
        verbose_name=_("person claiming"),
        on_delete=models.PROTECT,
        related_name="expense_claims",
    )
    opportunity = models.ForeignKey(
        OpportunityPage,
        verbose_name=_("way of getting involved"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("calendar event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("panel meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expense_claims",
    )
    activity_date = models.DateField(_("date of the activity"))
    submitted_on = models.DateField(_("date claimed"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=S.SUBMITTED
    )
    rejection_reason = models.TextField(
        _("reason for rejecting"),
        blank=True,
        help_text=_("Tell the resident why, in plain words. Needed to reject a claim."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_on = models.DateField(_("date approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_on = models.DateField(
        _("date paid"),
        null=True,
        blank=True,
        help_text=_("Left blank when you mark the claim paid, it is today."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("expense claim")
        indexes = [models.Index(fields=["status", "activity_date"])]

    def __str__(self):
        return gettext("%(person)s, %(activity)s, %(date)s") % {
            "person": self.person,
            "activity": self.activity_name,
            "date": long_date(self.activity_date) if self.activity_date else "",
        }

    @property
    def activity(self):
        return self.meeting or self.event or self.opportunity

    @property
    def activity_name(self):
        if self.meeting_id:
            return str(self.meeting.panel)
        activity = self.event or self.opportunity
        return activity.title if activity else gettext("activity removed")

    activity_name.fget.short_description = _("activity")

    @property
    def total(self):
        """The sum of the lines (annotated by ``with_totals`` in lists, else added up here)."""
        annotated = getattr(self, "total_amount", None)
        if annotated is not None:
            return annotated
        return sum((line.amount or ZERO for line in self.lines.all()), ZERO)

    @property
    def total_display(self):
        return pounds(self.total)

    @property
    def days_to_pay(self):
        """Days from claiming to being paid; None until paid."""
        if self.paid_on and self.submitted_on:
            return (self.paid_on - self.submitted_on).days
        return None

    days_to_pay.fget.short_description = _("days from claim to payment")

    def clean(self):
        super().clean()
        errors = {}
        chosen = [f for f in ("opportunity", "event", "meeting") if getattr(self, f"{f}_id")]
        if not chosen:
            errors["opportunity"] = _(
                "Choose what the claim is for: a way of getting involved, a calendar event "
                "or a panel meeting."
            )
        elif len(chosen) > 1:
            errors[chosen[1]] = _("Choose one activity only: make a claim for each activity.")
        today = timezone.localdate()
        if self.activity_date and self.activity_date > today:
            errors["activity_date"] = _("The activity cannot be in the future.")
        if self.submitted_on and self.submitted_on > today:
            errors["submitted_on"] = _("The date claimed cannot be in the future.")
        elif self.submitted_on and self.activity_date and self.submitted_on < self.activity_date:
            errors["submitted_on"] = _("The date claimed cannot be before the activity.")
        if self.status == S.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Say why the claim is rejected.")
        if self.paid_on and self.status != S.PAID:
            errors["paid_on"] = _("Enter the date paid only when you mark the claim paid.")
        elif self.paid_on:
            if self.paid_on > today:
                errors["paid_on"] = _("The date paid cannot be in the future.")
            elif self.submitted_on and self.paid_on < self.submitted_on:
                errors["paid_on"] = _("The date paid cannot be before the date claimed.")
        if errors:
            raise ValidationError(errors)

    def saved_status(self):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def move_to(self, status, user, today=None):
        """Record who approved it and when it was approved or paid, as the status changes.

        Raises ValidationError for a move the claim may not make or a user who may not make it.
        """
        today = today or timezone.localdate()
        before = self.saved_status()
        status = ClaimStatus(status)
        if before is None:
            if status != S.SUBMITTED:
                raise ValidationError(
                    {"status": _("A new claim starts as submitted; approve it afterwards.")}
                )
            return
        before = ClaimStatus(before)
        if before == status:
            return
        if status not in NEXT_STATUSES[before]:
            allowed = NEXT_STATUSES[before]
            if not allowed:
                message = gettext("This claim is %(before)s: that is final.") % {
                    "before": before.label.lower()
                }
            else:
                message = gettext(
                    "A claim that is %(before)s can be %(allowed)s next, not %(status)s."
                ) % {
                    "before": before.label.lower(),
                    "allowed": gettext(" or ").join(s.label.lower() for s in allowed),
                    "status": status.label.lower(),
                }
            raise ValidationError({"status": message})
        if status in (S.APPROVED, S.PAID):
            problem = self_approval_problem(self, user)
            if problem:
                raise ValidationError({"status": problem})
        if status == S.APPROVED:
            self.approved_on, self.approved_by = today, user
        if status == S.PAID and not self.paid_on:
            self.paid_on = today
        self.status = status


def average_days_to_pay(claims):
    """The mean days from claim to payment over the paid claims in ``claims``; None if none."""
    days = [
        (paid - claimed).days
        for claimed, paid in claims.filter(paid_on__isnull=False)
        .order_by()
        .values_list("submitted_on", "paid_on")
    ]
    if not days:
        return None
    return (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class ExpenseLine(Orderable):
    """One cost on a claim: miles, hours of childcare, or an amount in pounds."""

    claim = ParentalKey(ExpenseClaim, on_delete=models.CASCADE, related_name="lines")
    option = models.ForeignKey(
        SupportOption,
        verbose_name=_("support"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=~Q(payment=""),
        help_text=_("Only support options paid in money are listed (set in Menu lists)."),
    )
    quantity = models.DecimalField(
        _("miles, hours or pounds"),
        max_digits=8,
        decimal_places=2,
        help_text=_(
            "Miles for mileage, hours for childcare, the amount in pounds on the receipt for "
            "taxis and other costs."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    rate = models.DecimalField(
        _("rate"), max_digits=8, decimal_places=2, null=True, blank=True, editable=False
    )
    amount = models.DecimalField(_("amount"), **MONEY, editable=False, default=ZERO)

    class Meta(Orderable.Meta):
        verbose_name = _("expense line")

    def __str__(self):
        return self.description

    @classmethod
    def from_db(cls, db, field_names, values):
        line = super().from_db(db, field_names, values)
        line._priced_from = (line.option_id, line.quantity)
        return line

    def price(self):
        """Set the rate and amount from the option: rate times quantity, or the amount paid."""
        self.rate, self.amount = line_price(self.option, self.quantity)
        self._priced_from = (self.option_id, self.quantity)

    @property
    def claimed(self):
        """'12 miles at 40p', '3 hours at £7.00', or 'at cost'."""
        if self.rate is not None and self.option.payment == PaymentKind.MILEAGE:
            text = gettext("%(n)s miles at %(rate)s")
        elif self.rate is not None and self.option.payment == PaymentKind.CHILDCARE:
            text = gettext("%(n)s hours at %(rate)s")
        else:
            return gettext("at cost")
        return text % {"n": _plain(self.quantity), "rate": rate(self.rate)}

    @property
    def amount_display(self):
        return pounds(self.amount)

    @property
    def description(self):
        """'Travel expenses: 12 miles at 40p, £4.80', for the claim and the payment file."""
        if not self.option_id:
            return ""
        return f"{self.option.name}: {self.claimed}, {pounds(self.amount)}"

    def clean(self):
        super().clean()
        if not self.option_id or self.quantity is None:
            return
        option = self.option
        kind = option.payment
        if not kind:
            raise ValidationError(
                {"option": gettext("%(option)s is not paid in money.") % {"option": option}}
            )
        if self.quantity < 0:
            messages = {
                PaymentKind.MILEAGE: _("The distance cannot be negative."),
                PaymentKind.CHILDCARE: _("Childcare hours cannot be negative."),
            }
            raise ValidationError(
                {"quantity": messages.get(kind, _("The amount cannot be negative."))}
            )
        if self.quantity == 0:
            raise ValidationError({"quantity": _("Enter more than 0, or remove this line.")})
        if kind == PaymentKind.CHILDCARE and self.quantity > HOURS_IN_A_DAY:
            raise ValidationError(
                {
                    "quantity": gettext(
                        "Childcare is claimed for one day's activity: %(hours)s hours is more "
                        "than the 24 hours in a day."
                    )
                    % {"hours": _plain(self.quantity)}
                }
            )
        if option.is_rated and option.rate is None:
            raise ValidationError(
                {
                    "option": gettext("%(option)s has no rate yet: set it in Menu lists first.")
                    % {"option": option}
                }
            )
        # Priced once: an unchanged line keeps the rate it was claimed at.
        if getattr(self, "_priced_from", None) != (self.option_id, self.quantity):
            self.price()

    def save(self, *args, **kwargs):
        if self.amount in (None, ZERO) and self.quantity:
            self.price()
        super().save(*args, **kwargs)


def line_price(option, quantity):
    """(rate, amount) for ``quantity`` of ``option``: rate times quantity, or the cost itself."""
    if option.is_rated:
        amount = (quantity * (option.rate or ZERO)).quantize(PENNY, rounding=ROUND_HALF_UP)
        return option.rate, amount
    return None, quantity.quantize(PENNY, rounding=ROUND_HALF_UP)


def lines_problem(lines):
    """What is wrong with a claim's lines taken together, or None (each line checks itself).

    ``lines`` are (support option, quantity) pairs.
    """
    childcare = sum(
        (quantity for option, quantity in lines if option.payment == PaymentKind.CHILDCARE),
        Decimal(0),
    )
    if childcare > HOURS_IN_A_DAY:
        return gettext(
            "The childcare lines add up to %(hours)s hours, more than the 24 hours in a day."
        ) % {"hours": _plain(childcare)}
    total = sum((line_price(option, quantity)[1] for option, quantity in lines), ZERO)
    if total <= 0:
        return gettext("A claim must be for more than £0: add at least one cost.")
    return None


def _plain(number):
    """12 for 12.00, 2.5 for 2.50: how people write miles and hours."""
    text = f"{Decimal(number).quantize(PENNY):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def receipt_path(instance, filename):
    today = datetime.date.today()
    return f"receipts/{today:%Y/%m}/{filename}"


def validate_receipt(upload):
    """A PDF, PNG or JPEG under the size limit, whose first bytes match its name."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty. Choose the scan or photo of the receipt."))
    if upload.size > RECEIPT_MAX_BYTES:
        raise ValidationError(
            gettext("The file is %(size)s; receipts can be up to %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(RECEIPT_MAX_BYTES)}
        )
    extension = upload.name.rsplit(".", 1)[-1].lower()
    magic = RECEIPT_TYPES.get(extension)
    if magic is None:
        return  # the extension validator says which types are allowed
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(position)
    if head != magic:
        raise ValidationError(
            gettext("This file is not really a %(type)s. Upload the receipt as PDF, PNG or JPEG.")
            % {"type": extension.upper()}
        )


class Receipt(Orderable):
    """A scan or photo of a receipt, kept privately: only officers can open it."""

    claim = ParentalKey(ExpenseClaim, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(
        _("receipt"),
        storage=receipt_storage,
        upload_to=receipt_path,
        max_length=255,
        validators=[FileExtensionValidator(list(RECEIPT_TYPES)), validate_receipt],
        help_text=_("A PDF, PNG or JPEG of up to 10 MB. Only involvement officers can open it."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta(Orderable.Meta):
        verbose_name = _("receipt")

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


@receiver(post_delete, sender=Receipt)
def delete_receipt_file(sender, instance, **kwargs):
    """A deleted receipt (or claim) takes its file with it: personal data is not left behind.

    After the commit, so a deletion that is rolled back keeps its file.
    """
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
