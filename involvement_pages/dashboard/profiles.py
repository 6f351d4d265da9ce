"""What the dashboard cannot add up for itself: the customer profile and survey waves.

A landlord's customer profile (how many customers it has in each age band, gender,
ethnicity and so on) is what involved people are set against to judge representativeness
(Gateshead's PI.3). Satisfaction with involvement comes from surveys, not from our
records: each wave is entered with its date, method and sample size, so a trend never
hides how few people answered.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from forms.choices import AgeBand, Disability, Ethnicity, Gender, Religion, SexualOrientation
from involvement_pages.snippets import Landlord
from involvement_pages.years import start_month, year_of


class Characteristic(models.TextChoices):
    # The first six are the register's own equality questions (EqualityMonitoring), so
    # involved people can be counted against them; "other" is shown beside, not compared.
    AGE_BAND = "age_band", _("Age band")
    GENDER = "gender", _("Gender")
    ETHNICITY = "ethnicity", _("Ethnicity")
    DISABILITY = "disability", _("Disability")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    RELIGION = "religion", _("Religion or belief")
    OTHER = "other", _("Another characteristic")


# Each standard characteristic's groups are the register's own answers, so a profile's
# "Woman" and an involved person's "woman" are the same group.
GROUPS = {
    Characteristic.AGE_BAND: AgeBand,
    Characteristic.GENDER: Gender,
    Characteristic.ETHNICITY: Ethnicity,
    Characteristic.DISABILITY: Disability,
    Characteristic.SEXUAL_ORIENTATION: SexualOrientation,
    Characteristic.RELIGION: Religion,
}


def group_value(characteristic, group):
    """The register's value for ``group`` of ``characteristic`` (label or value, any case).

    None when ``group`` is not one of the characteristic's answers; ``group`` itself,
    trimmed, for another characteristic, whose groups are the landlord's own.
    """
    group = (group or "").strip()
    choices = GROUPS.get(characteristic)
    if choices is None:
        return group
    wanted = group.casefold()
    for value, label in choices.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    return None


def group_label(characteristic, value):
    """How a stored group is shown: the register's wording, or the landlord's own."""
    choices = GROUPS.get(characteristic)
    if choices is None:
        return value
    return dict(choices.choices).get(value, value)


def count_problems(customers, groups):
    """[message] for a profile whose groups do not fit: too many counted, or a group twice.

    ``groups`` is an iterable of (characteristic, other_characteristic, group, count), as a
    form or the database holds them; groups of a characteristic cannot add up to more than
    ``customers``, since each customer is in at most one group of each.
    """
    totals, seen, problems = {}, set(), []
    names = dict(Characteristic.choices)
    for characteristic, other, group, count in groups:
        key = (characteristic, (other or "").strip().casefold())
        name = (other or "").strip() if characteristic == Characteristic.OTHER else None
        name = name or str(names.get(characteristic, characteristic))
        totals[key] = (name, totals.get(key, (name, 0))[1] + (count or 0))
        value = group_value(characteristic, group) or (group or "").strip()
        if (key, value.casefold()) in seen:
            problems.append(
                gettext("%(group)s is listed twice under %(name)s.")
                % {"group": group_label(characteristic, value), "name": name}
            )
        seen.add((key, value.casefold()))
    if customers is None:
        return problems
    for name, total in totals.values():
        if total > customers:
            problems.append(
                gettext(
                    "The groups under %(name)s add up to %(total)s, more than the "
                    "%(customers)s customers in the profile."
                )
                % {"name": name, "total": f"{total:,}", "customers": f"{customers:,}"}
            )
    return problems


class CustomerProfile(ClusterableModel):
    """How many of a landlord's customers fall in each group, for one year."""

    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="customer_profiles",
        help_text=_("Leave blank for a profile of the whole group."),
    )
    year = models.PositiveSmallIntegerField(
        _("year starting"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The calendar year the financial year starts in: 2026 for 2026/27."),
    )
    customers = models.PositiveIntegerField(
        _("number of customers"),
        help_text=_("Everyone the profile counts, so each group's share can be worked out."),
    )
    source = models.CharField(
        _("where the figures come from"),
        max_length=255,
        blank=True,
        help_text=_("For example: housing management system, 1 April 2026."),
    )

    class Meta:
        verbose_name = _("customer profile")
        verbose_name_plural = _("customer profiles")
        ordering = ["-year", "landlord__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year"],
                name="involvement_profile_one_per_landlord_year",
                violation_error_message=_("This landlord already has a profile for that year."),
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(landlord__isnull=True),
                name="involvement_profile_one_group_profile_per_year",
                violation_error_message=_("The group already has a profile for that year."),
            ),
        ]

    def __str__(self):
        who = self.landlord.name if self.landlord_id else gettext("Whole group")
        return f"{who} {self.period.label}" if self.year else who

    @property
    def period(self):
        return year_of(datetime.date(self.year, start_month(), 1))


class ProfileGroup(Orderable):
    """One group of one characteristic in a customer profile, and how many customers."""

    profile = ParentalKey(CustomerProfile, on_delete=models.CASCADE, related_name="groups")
    characteristic = models.CharField(
        _("characteristic"), max_length=30, choices=Characteristic.choices
    )
    other_characteristic = models.CharField(
        _("name of the other characteristic"),
        max_length=100,
        blank=True,
        help_text=_("Only for another characteristic, for example: first language."),
    )
    group = models.CharField(
        _("group"),
        max_length=100,
        help_text=_("As the register asks it, for example: 65 to 74, or Woman."),
    )
    count = models.PositiveIntegerField(_("number of customers"))

    class Meta(Orderable.Meta):
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        name = self.other_characteristic or self.get_characteristic_display()
        return f"{name}: {group_label(self.characteristic, self.group)}"

    def clean(self):
        super().clean()
        errors = {}
        if self.characteristic == Characteristic.OTHER:
            self.other_characteristic = self.other_characteristic.strip()
            if not self.other_characteristic:
                errors["other_characteristic"] = gettext(
                    "Name the characteristic, for example: first language."
                )
        elif self.other_characteristic:
            errors["other_characteristic"] = gettext(
                "Only another characteristic needs a name: leave this blank."
            )
        value = group_value(self.characteristic, self.group)
        if value is None:
            allowed = ", ".join(str(label) for _value, label in GROUPS[self.characteristic].choices)
            errors["group"] = gettext(
                "%(group)s is not one of the register's groups for %(name)s. Use one of: "
                "%(allowed)s."
            ) % {
                "group": self.group.strip(),
                "name": self.get_characteristic_display().lower(),
                "allowed": allowed,
            }
        elif value:
            self.group = value
        if errors:
            raise ValidationError(errors)


class SurveyMethod(models.TextChoices):
    POSTAL = "postal", _("Post")
    TELEPHONE = "telephone", _("Telephone")
    ONLINE = "online", _("Online")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    MIXED = "mixed", _("Mixed methods")


PERCENT = {
    "max_digits": 4,
    "decimal_places": 1,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class SatisfactionWave(models.Model):
    """One wave of a satisfaction survey: its date, method, sample and results."""

    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="satisfaction_waves",
        help_text=_("Leave blank for a survey of the whole group."),
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("For example: Tenant Satisfaction Measures 2025/26.")
    )
    held_on = models.DateField(
        _("survey date"), help_text=_("When the survey closed. Day first, like 31/03/2026.")
    )
    method = models.CharField(_("method"), max_length=20, choices=SurveyMethod.choices)
    sample_size = models.PositiveIntegerField(
        _("number who answered"), validators=[MinValueValidator(1)]
    )
    tp06 = models.DecimalField(
        _("TP06: listens to views and acts upon them (%)"),
        help_text=_("Satisfied that the landlord listens to tenant views and acts upon them."),
        **PERCENT,
    )
    tp07 = models.DecimalField(
        _("TP07: keeps tenants informed (%)"),
        help_text=_("Satisfied that the landlord keeps them informed about things that matter."),
        **PERCENT,
    )
    tp08 = models.DecimalField(
        _("TP08: treats tenants fairly and with respect (%)"),
        help_text=_("Agree that the landlord treats them fairly and with respect."),
        **PERCENT,
    )
    bvpi57 = models.DecimalField(
        _("BVPI 57: opportunities to take part (%)"),
        help_text=_(
            "Older surveys: satisfied with opportunities for participation in management "
            "and decision making."
        ),
        **PERCENT,
    )

    class Meta:
        verbose_name = _("satisfaction survey wave")
        verbose_name_plural = _("satisfaction survey waves")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.name
