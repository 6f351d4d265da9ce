"""Editor-managed lists that describe opportunities, shared by the menu and the calendar."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from .money import rate


class SluggedSnippet(index.Indexed, models.Model):
    """A named entry with a stable slug used in filter URLs and demo data."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Short name used in web addresses, for example 'childcare'."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Landlord(SluggedSnippet):
    """A landlord in the group (a group may have several partner landlords)."""

    class Meta(SluggedSnippet.Meta):
        pass


class Area(SluggedSnippet):
    """An area or neighbourhood an opportunity, event or panel covers."""

    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
    )

    panels = [*SluggedSnippet.panels, FieldPanel("landlord")]

    class Meta(SluggedSnippet.Meta):
        pass


class ServiceArea(SluggedSnippet):
    """A service residents can influence: repairs, empty homes, rent, estate management..."""

    description = models.TextField(_("description"), blank=True)

    panels = [*SluggedSnippet.panels, FieldPanel("description")]

    class Meta(SluggedSnippet.Meta):
        pass


class PaymentKind(models.TextChoices):
    """How a support option is paid back, if it is money: by a rate or at the actual cost."""

    MILEAGE = "mileage", _("Mileage: a rate per mile")
    CHILDCARE = "childcare", _("Childcare: a rate per hour")
    TAXI = "taxi", _("Taxi: the actual fare")
    OTHER = "other", _("Other costs: the actual amount")


#: Kinds paid at a rate times a quantity; the rest repay the actual cost on a receipt.
RATED_KINDS = {PaymentKind.MILEAGE: _("a mile"), PaymentKind.CHILDCARE: _("an hour")}


class SupportOption(SluggedSnippet):
    """Help offered so that no resident is out of pocket or left out (travel, childcare...)."""

    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "What the resident gets, for example 'We pay back bus fares and petrol'. "
            "A rate set below is shown beside it, so it need not be repeated here."
        ),
    )
    payment = models.CharField(
        _("paid as"),
        max_length=20,
        choices=PaymentKind.choices,
        blank=True,
        help_text=_(
            "Leave blank for support that is not money (a hearing loop, say). "
            "Expense claims can use only options paid in money."
        ),
    )
    rate = models.DecimalField(
        _("rate in pounds"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For mileage, pounds a mile (0.40 for 40p); for childcare, pounds an hour."),
    )

    panels = [
        *SluggedSnippet.panels,
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("payment"), FieldPanel("rate")]),
    ]

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("support option")

    def clean(self):
        super().clean()
        if self.payment in RATED_KINDS and self.rate is None:
            raise ValidationError({"rate": _("Enter the rate: this option is paid at a rate.")})
        if self.payment not in RATED_KINDS and self.rate is not None:
            raise ValidationError(
                {
                    "rate": _(
                        "Clear the rate: only mileage and childcare are paid at a rate. "
                        "Taxis and other costs are paid back at what they cost."
                    )
                }
            )

    @property
    def is_rated(self):
        return self.payment in RATED_KINDS

    @property
    def rate_display(self):
        """'40p a mile', '£7.00 an hour'; '' when there is no rate."""
        if not self.is_rated or self.rate is None:
            return ""
        return f"{rate(self.rate)} {RATED_KINDS[self.payment]}"

    @property
    def name_with_rate(self):
        """'Travel expenses (40p a mile)' for lists; the name alone without a rate."""
        shown = self.rate_display
        return f"{self.name} ({shown})" if shown else self.name


class Audience(SluggedSnippet):
    """Who can take part: tenants, leaseholders, young people aged 10 to 24..."""

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("who can take part")
        verbose_name_plural = _("who can take part")


class ParticipationFormat(SluggedSnippet):
    """How a resident takes part: in person, online, by phone, by post or by text."""

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("format")
