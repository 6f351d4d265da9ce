"""Standing panels and groups, who sits on them, when they meet, and the seeds' rules.

The rules come from Thirteen's 2014 strategy (Appendix B). A landlord that works
differently turns them off or changes them in ``INVOLVEMENT_PANEL_RULES``:

- ``one_corporate_group``: a person sits on at most one corporate group at a time.
- ``board_not_on_scrutiny``: a Board member who is a customer does not sit on a
  scrutiny group (``scrutiny_kinds``, the seed's "four scrutiny groups").
- A panel's ``min_members_per_landlord``: at least that many members representing each
  partner landlord. Lists show any shortfall; a panel cannot be made Active below it.

Everyone on the involvement register is a customer (it is the "Customer Voice"), so the
Board rule applies to every Board member recorded here.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dateutil.relativedelta import relativedelta

from involvement_pages.choices import Level, Tier
from involvement_pages.snippets import Area, Landlord
from involvement_pages.years import year_of

from .conf import panel_rules


def long_date(day):
    return format_date(day, "j F Y")


class PanelKind(models.TextChoices):
    BOARD = "board", _("Board")
    CUSTOMER_COUNCIL = "customer_council", _("Customer council")
    SCRUTINY_PANEL = "scrutiny_panel", _("Scrutiny panel")
    COMPLAINTS_PANEL = "complaints_panel", _("Complaints panel")
    AREA_PANEL = "area_panel", _("Area panel or neighbourhood committee")
    RESIDENTS_ASSOCIATION = "residents_association", _("Residents' association (TRA/TARA)")
    FORUM = "forum", _("Forum")
    TASK_AND_FINISH = "task_and_finish", _("Task and finish group")
    YOUTH_PANEL = "youth_panel", _("Youth panel")
    EDITORIAL_PANEL = "editorial_panel", _("Editorial panel")
    OTHER = "other", _("Other")


class PanelStatus(models.TextChoices):
    RECRUITING = "recruiting", _("Recruiting")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Member")
    CO_OPTED = "co_opted", _("Co-opted member")


RECOGNITION_FIELDS = (
    "meets_recognition_criteria",
    "recognised_on",
    "last_support_visit",
    "next_support_visit_due",
)


class PanelQuerySet(models.QuerySet):
    def with_list_data(self, today=None):
        """Current members and meetings held this year so far, as one query's columns."""
        today = today or timezone.localdate()
        members = (
            Membership.objects.current(today)
            .filter(panel=OuterRef("pk"))
            .order_by()
            .values("panel")
            .annotate(n=Count("pk"))
            .values("n")
        )
        meetings = (
            Meeting.objects.filter(panel=OuterRef("pk"), date__range=(year_of(today).start, today))
            .order_by()
            .values("panel")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            current_members=Coalesce(Subquery(members), 0),
            meetings_held=Coalesce(Subquery(meetings), 0),
        )

    def with_shortfall(self, today=None):
        """Panels below their minimum for at least one of their landlords."""
        today = today or timezone.localdate()
        have = (
            quota_memberships(today)
            .filter(panel=OuterRef("panel_id"), representing_landlord=OuterRef("landlord_id"))
            .order_by()
            .values("panel")
            .annotate(n=Count("person", distinct=True))
            .values("n")
        )
        short = (
            Panel.landlords.through.objects.filter(panel__min_members_per_landlord__gt=0)
            .annotate(have=Coalesce(Subquery(have), 0))
            .filter(have__lt=F("panel__min_members_per_landlord"))
            .values("panel_id")
        )
        return self.filter(pk__in=short)


class Panel(models.Model):
    """A standing group residents sit on: a board, council, scrutiny panel, TARA, forum..."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Short name used in web addresses and imports."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PanelKind.choices, db_index=True)
    corporate = models.BooleanField(
        _("corporate group"),
        default=False,
        help_text=_(
            "A group-wide standing group, such as the Customer Council or Scrutiny "
            "Panel. A person can sit on only one corporate group at a time."
        ),
    )
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    landlords = models.ManyToManyField(
        Landlord,
        verbose_name=_("landlords"),
        blank=True,
        # Not "panels": that name on a snippet is its list of admin edit panels.
        related_name="covering_panels",
        help_text=_("The partner landlords whose customers it represents."),
    )
    all_areas = models.BooleanField(
        _("covers all areas"), default=True, help_text=_("Untick to choose particular areas.")
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), blank=True, related_name="covering_panels"
    )
    meeting_frequency = models.CharField(
        _("meeting frequency"),
        max_length=200,
        blank=True,
        help_text=_("In residents' words, for example 'Monthly'."),
    )
    target_meetings_a_year = models.PositiveSmallIntegerField(
        _("target meetings a year"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(366)],
        help_text=_(
            "How many times it promises to meet in a year. The list compares this "
            "with the meetings held so far this year."
        ),
    )
    time_commitment = models.CharField(
        _("time commitment"),
        max_length=200,
        blank=True,
        help_text=_("For example '3-4 days a month'."),
    )
    delegated_budget = models.DecimalField(
        _("delegated budget"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Money it decides how to spend each year, in pounds, if any."),
    )
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    opportunity = models.ForeignKey(
        "involvement_pages.OpportunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="standing_panels",
        verbose_name=_("opportunity page"),
        help_text=_("Its page in the menu of involvement, where residents find out how to join."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PanelStatus.choices,
        default=PanelStatus.ACTIVE,
        db_index=True,
    )
    min_members_per_landlord = models.PositiveSmallIntegerField(
        _("minimum members from each landlord"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text=_(
            "At least this many members must represent each landlord above (Thirteen "
            "asks for 2 on scrutiny groups). Co-opted members do not count. Leave blank for "
            "no minimum."
        ),
    )
    meets_recognition_criteria = models.BooleanField(
        _("meets the recognition criteria"),
        default=False,
        help_text=_(
            "Residents' associations only: it has a constitution, open membership, "
            "an elected committee and holds an annual general meeting."
        ),
    )
    recognised_on = models.DateField(_("date recognised"), null=True, blank=True)
    last_support_visit = models.DateField(_("last annual support visit"), null=True, blank=True)
    next_support_visit_due = models.DateField(
        _("next support visit due"),
        null=True,
        blank=True,
        help_text=_("Left blank, it is set a year after the last visit."),
    )

    objects = PanelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        last, due = self.last_support_visit, self.next_support_visit_due
        if last and (due is None or due <= last):
            self.next_support_visit_due = last + relativedelta(years=1)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.kind != PanelKind.RESIDENTS_ASSOCIATION:
            for name in RECOGNITION_FIELDS:
                if getattr(self, name):
                    errors[name] = _(
                        "Only residents' associations are recognised. Clear this, or set "
                        "the kind to residents' association."
                    )
        else:
            if self.recognised_on and not self.meets_recognition_criteria:
                errors["recognised_on"] = _(
                    "A group is recognised only when it meets the recognition criteria. "
                    "Tick 'meets the recognition criteria', or clear the date."
                )
            today = timezone.localdate()
            for name in ("recognised_on", "last_support_visit"):
                day = getattr(self, name)
                if day and day > today:
                    errors[name] = _("This date is in the future. Enter the date it happened.")
            due, last = self.next_support_visit_due, self.last_support_visit
            if due and last and due <= last:
                errors["next_support_visit_due"] = _("The next visit must be after the last one.")
        if errors:
            raise ValidationError(errors)

    @property
    def support_visit_overdue(self):
        due = self.next_support_visit_due
        return bool(due and due < timezone.localdate())

    def meetings_against_target(self, held):
        if self.target_meetings_a_year:
            return gettext("%(held)d of %(target)d") % {
                "held": held,
                "target": self.target_meetings_a_year,
            }
        return str(held)


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships running on the day ``on`` (today unless given)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def overlapping(self, start, end):
        """Memberships that share at least one day with ``start`` to ``end`` (None: open)."""
        found = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return found.filter(start_date__lte=end) if end else found


class Membership(models.Model):
    """A person's seat on a panel, in a role, for a term. Personal data: officers only."""

    person = models.ForeignKey(
        "involvement_forms.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="panel_memberships",
    )
    panel = models.ForeignKey(
        Panel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    representing_landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("representing landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Left blank, it is the person's own landlord when the panel covers it."),
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave blank while they are still a member."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [models.Index(fields=["panel", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.person}, {self.get_role_display()}, {self.panel}"

    @property
    def term(self):
        if self.end_date:
            return gettext("%(start)s to %(end)s") % {
                "start": long_date(self.start_date),
                "end": long_date(self.end_date),
            }
        return gettext("since %(start)s") % {"start": long_date(self.start_date)}

    # The inspect view's label for this property, as Django's admin reads it.
    term.fget.short_description = _("term")

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be on or after the start date.")}
            )
        if not (self.person_id and self.panel_id and self.start_date):
            return  # the form reports the missing fields; the rules need all three
        self._default_landlord()
        problems = membership_problems(self)
        if problems:
            raise ValidationError(problems)

    def _default_landlord(self):
        landlords = set(self.panel.landlords.values_list("pk", flat=True))
        if self.representing_landlord_id is None and self.person.landlord_id in landlords:
            self.representing_landlord_id = self.person.landlord_id
        if (
            self.representing_landlord_id
            and landlords
            and (self.representing_landlord_id not in landlords)
        ):
            names = ", ".join(str(landlord) for landlord in self.panel.landlords.all())
            raise ValidationError(
                {
                    "representing_landlord": gettext(
                        "%(panel)s does not cover %(landlord)s. Choose one of: %(names)s."
                    )
                    % {"panel": self.panel, "landlord": self.representing_landlord, "names": names}
                }
            )


def quota_memberships(on):
    """Memberships that count towards a panel's minimum from each landlord."""
    excluded = panel_rules()["quota_excludes_roles"]
    return Membership.objects.current(on).exclude(role__in=excluded)


def membership_problems(membership):
    """Plain-English reasons the seeds' rules refuse this membership, or []."""
    rules = panel_rules()
    panel, person = membership.panel, membership.person
    others = (
        Membership.objects.filter(person=person)
        .exclude(pk=membership.pk)
        .overlapping(membership.start_date, membership.end_date)
        .select_related("panel")
    )
    problems = []
    for other in others:
        since = long_date(other.start_date)
        if other.panel_id == panel.pk:
            problems.append(
                gettext(
                    "%(person)s is already a member of %(panel)s from %(since)s. "
                    "Edit that membership instead, or choose dates that do not overlap."
                )
                % {"person": person, "panel": panel, "since": since}
            )
        elif rules["one_corporate_group"] and panel.corporate and other.panel.corporate:
            problems.append(
                gettext(
                    "%(person)s already sits on %(other)s, a corporate group, from %(since)s. "
                    "A person can sit on only one corporate group at a time: end that "
                    "membership first, or choose a group that is not corporate."
                )
                % {"person": person, "other": other.panel, "since": since}
            )
        if rules["board_not_on_scrutiny"]:
            board, scrutiny = rules["board_kinds"], rules["scrutiny_kinds"]
            if panel.kind in scrutiny and other.panel.kind in board:
                problems.append(
                    gettext(
                        "%(person)s is a Board member (%(other)s, from %(since)s). Board "
                        "members who are customers do not sit on scrutiny groups such as "
                        "%(panel)s: they link the groups with the Board instead."
                    )
                    % {"person": person, "other": other.panel, "since": since, "panel": panel}
                )
            elif panel.kind in board and other.panel.kind in scrutiny:
                problems.append(
                    gettext(
                        "%(person)s sits on %(other)s, a scrutiny group, from %(since)s. Board "
                        "members who are customers do not sit on scrutiny groups: end that "
                        "membership before they join %(panel)s."
                    )
                    % {"person": person, "other": other.panel, "since": since, "panel": panel}
                )
    return problems


@dataclass(frozen=True)
class Shortfall:
    landlord: Landlord
    have: int
    need: int

    @property
    def missing(self):
        return max(self.need - self.have, 0)

    def __str__(self):
        return gettext("%(landlord)s %(have)d of %(need)d") % {
            "landlord": self.landlord,
            "have": self.have,
            "need": self.need,
        }


def shortfalls(panels, on=None):
    """{panel pk: [Shortfall, ...]} for the given panels, in one query.

    The panels' landlords should be prefetched.
    """
    on = on or timezone.localdate()
    counted = [p for p in panels if p.min_members_per_landlord]
    if not counted:
        return {}
    rows = (
        quota_memberships(on)
        .filter(panel__in=counted)
        .order_by()
        .values_list("panel_id", "representing_landlord_id")
        .annotate(n=Count("person", distinct=True))
    )
    have = {(panel_id, landlord_id): n for panel_id, landlord_id, n in rows}
    found = {}
    for panel in counted:
        need = panel.min_members_per_landlord
        for landlord in panel.landlords.all():
            count = have.get((panel.pk, landlord.pk), 0)
            if count < need:
                found.setdefault(panel.pk, []).append(Shortfall(landlord, count, need))
    return found


def shortfall_text(found):
    return "; ".join(str(s) for s in found) if found else gettext("None")


def landlord_counts(panel, landlords, on=None):
    """[Shortfall-like rows for every landlord], for the check before a panel goes Active."""
    on = on or timezone.localdate()
    rows = (
        quota_memberships(on)
        .filter(panel=panel)
        .order_by()
        .values_list("representing_landlord_id")
        .annotate(n=Count("person", distinct=True))
    )
    have = dict(rows)
    need = panel.min_members_per_landlord or 0
    return [Shortfall(landlord, have.get(landlord.pk, 0), need) for landlord in landlords]


class Meeting(models.Model):
    """A meeting a panel held, who came, and where its notes are. Attendees are personal data."""

    panel = models.ForeignKey(
        Panel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        "involvement_forms.Person",
        verbose_name=_("attendees"),
        blank=True,
        related_name="panel_meetings",
        help_text=_("Members of the panel who came."),
    )
    notes_link = models.URLField(
        _("link to the notes"), max_length=500, blank=True, help_text=_("Minutes or action notes.")
    )

    class Meta:
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["panel", "date"])]

    def __str__(self):
        return f"{self.panel}, {long_date(self.date)}" if self.date else str(self.panel)
