"""The involvement register ("Customer Voice"): people, what they can offer and what they need.

Equality monitoring sits in its own model so that only the Equality data group can see it,
it can be erased on its own, and it never reaches the register's list or exports.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from involvement_pages.snippets import Area, Landlord, ServiceArea

from ..ages import age_band, validate_date_of_birth
from ..choices import (
    AgeBand,
    ContactMethod,
    Disability,
    Ethnicity,
    Gender,
    HowHeard,
    Religion,
    SexualOrientation,
    Tenure,
)

#: The one list of what the register keeps about a person (equality answers apart), in the
#: order the admin shows it, each with its header in the register's spreadsheets: the
#: officers' download (forms/resources.py) and the importer (importers/resources/people.py),
#: which reads that download back.
PERSON_COLUMNS = {
    "legacy_reference": "Reference",
    "name": "Full name",
    "email": "Email",
    "phone": "Phone",
    "mobile": "Mobile",
    "landline": "Landline",
    "address": "Address",
    "postcode": "Postcode",
    "contact_method": "Preferred contact method",
    "tenure": "Tenure",
    "landlord": "Landlord",
    "area": "Area",
    "interests": "Interests",
    "ways_to_take_part": "Ways to take part",
    "availability": "Availability",
    "skills": "Skills",
    "communication_needs": "Communication needs",
    "language": "Language",
    "support_needs": "Support needs",
    "other_needs": "Other needs",
    "how_heard": "How they heard",
    "date_of_birth": "Date of birth",
    "date_joined": "Date joined",
    "is_active": "Active",
}
#: Kept by officers; a resident's form never sets these.
OFFICERS_ONLY_FIELDS = ("legacy_reference", "date_joined", "is_active", "date_of_birth")
#: Every number a person can be found again by (see forms.people.find_person).
PHONE_FIELDS = ("phone", "mobile", "landline")


class RegisterOption(models.Model):
    """A fixed answer residents tick, kept as a row so the register filters with a join.

    A row per answer (rather than a JSON list on Person) filters and counts the same way on
    SQLite and PostgreSQL. The rows come from a data migration; slugs are stable.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Availability(RegisterOption):
    """When someone can take part: daytime, evenings, weekends."""

    class Meta(RegisterOption.Meta):
        verbose_name_plural = _("availability")


class WayToTakePart(RegisterOption):
    """How someone would like to take part: meetings, online, phone, post, one-off tasks."""

    class Meta(RegisterOption.Meta):
        verbose_name = _("way to take part")


class CommunicationNeed(RegisterOption):
    """A way someone needs information: another language, large print, easy read, BSL..."""


class SupportNeed(RegisterOption):
    """Help someone needs to take part: childcare, transport, an accessible venue..."""


class Person(models.Model):
    """One resident on the involvement register, found again by email (or phone)."""

    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, blank=True, db_index=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("The number they gave us to reach them, landline or mobile."),
    )
    # Older registers keep both numbers apart; a person is found again by any of them.
    mobile = models.CharField(_("mobile"), max_length=20, blank=True, db_index=True)
    landline = models.CharField(_("landline"), max_length=20, blank=True, db_index=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    contact_method = models.CharField(
        _("preferred contact method"), max_length=10, choices=ContactMethod.choices, blank=True
    )
    tenure = models.CharField(_("tenure"), max_length=20, choices=Tenure.choices, blank=True)
    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interests = models.ManyToManyField(
        ServiceArea, verbose_name=_("interests"), blank=True, related_name="+"
    )
    skills = models.TextField(_("skills and experience"), blank=True)
    availability = models.ManyToManyField(
        Availability, verbose_name=_("availability"), blank=True, related_name="people"
    )
    ways_to_take_part = models.ManyToManyField(
        WayToTakePart,
        blank=True,
        related_name="people",
        verbose_name=_("preferred ways to take part"),
    )
    communication_needs = models.ManyToManyField(
        CommunicationNeed, verbose_name=_("communication needs"), blank=True, related_name="people"
    )
    language = models.CharField(
        _("language"), max_length=100, blank=True, help_text=_("If they need another language.")
    )
    support_needs = models.ManyToManyField(
        SupportNeed, verbose_name=_("support needs"), blank=True, related_name="people"
    )
    other_needs = models.TextField(_("other support or communication needs"), blank=True)
    how_heard = models.CharField(
        _("how they heard about us"), max_length=20, choices=HowHeard.choices, blank=True
    )
    # Kept for age-band monitoring of who takes part; officers see the band, never a form.
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        validators=[validate_date_of_birth],
        help_text=_("Only for monitoring which age groups take part. Day first, like 31/01/1960."),
    )
    date_joined = models.DateField(_("date joined"), default=timezone.localdate)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when someone no longer wants to take part.")
    )
    legacy_reference = models.CharField(
        _("legacy reference"),
        max_length=60,
        blank=True,
        help_text=_("Their reference in the system they were imported from."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Set when the person asked to be forgotten: the row stays, emptied, so memberships,
    # sign-ups, claims and applications keep their numbers (forms/erasure.py).
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people on the register")
        constraints = [
            # The database, not only the code, keeps one person per email address, so two
            # sign-ups at the same moment cannot make two people.
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="involvement_person_unique_email",
                violation_error_message=_(
                    "Someone on the register already has this email address."
                ),
            ),
            models.UniqueConstraint(
                fields=["phone"],
                condition=Q(email="") & ~Q(phone=""),
                name="involvement_person_unique_phone_without_email",
                violation_error_message=_(
                    "Someone on the register already has this phone number and no email "
                    "address. Add an email address, or update their record instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["legacy_reference"],
                condition=~Q(legacy_reference=""),
                name="involvement_person_unique_legacy_reference",
                violation_error_message=_("Someone on the register already has this reference."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def contact(self):
        return self.email or self.phone or self.mobile or self.landline or _("No email or phone")

    @property
    def age_band(self):
        """The monitoring band their date of birth puts them in today ("" without one)."""
        return age_band(self.date_of_birth)

    def get_age_band_display(self):
        return AgeBand(self.age_band).label if self.age_band else ""


class EqualityMonitoring(models.Model):
    """A person's optional equality answers, kept only with their recorded consent."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="equality"
    )
    age_band = models.CharField(_("age band"), max_length=20, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=40, choices=Ethnicity.choices, blank=True
    )
    disability = models.CharField(
        _("disability"), max_length=20, choices=Disability.choices, blank=True
    )
    sexual_orientation = models.CharField(
        _("sexual orientation"), max_length=20, choices=SexualOrientation.choices, blank=True
    )
    religion = models.CharField(_("religion"), max_length=20, choices=Religion.choices, blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(
        _("consent version"),
        max_length=40,
        help_text=_("Which wording of the consent statement the person agreed to."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    ANSWER_FIELDS = (
        "age_band",
        "gender",
        "ethnicity",
        "disability",
        "sexual_orientation",
        "religion",
    )

    class Meta:
        verbose_name = _("equality monitoring answers")
        verbose_name_plural = _("equality monitoring")
        ordering = ["-updated_at", "pk"]

    def __str__(self):
        # Never the name: this shows on the Equality data group's screens and in the
        # admin's log, which must not put a name beside the answers.
        return _("Equality answers of %(person)s") % {"person": self.person_number}

    @property
    def person_number(self):
        """Who answered, without naming them: the number the export's "person id" gives."""
        return _("person %(number)s") % {"number": self.person_id}

    person_number.fget.short_description = _("person")
