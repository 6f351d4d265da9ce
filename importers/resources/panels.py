"""Panels and groups, their members, and their meetings with attendance."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from involvement_pages.models import OpportunityPage
from involvement_pages.panels.models import Meeting, Membership, Panel

from ..columns import Column
from ..widgets import NamedObjectWidget, PeopleWidget, PersonWidget
from .base import LegacyResource

REFERENCE = Column(
    "legacy_reference", "Reference", ("Ref", "ID", "Legacy reference"), required=True
)


class OneByOne(LegacyResource):
    """Rows whose model checks rules against what is already saved (a person's other
    groups, what is left in a fund) are validated and saved one at a time, so each row
    sees the rows before it."""

    class Meta(LegacyResource.Meta):
        abstract = True
        use_bulk = False
        clean_model_instances = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The reference lives in the import records, not on the model: nothing to exclude.
        super().validate_instance(instance, import_validation_errors, validate_unique)


class SluggedMixin:
    """Rows may leave the slug out: it is made from the name, unique, before validation."""

    def import_extra(self, instance, row):
        errors = super().import_extra(instance, row)
        if not instance.slug and instance.name:
            base = slugify(instance.name)[:110] or "imported"
            slug, n = base, 2
            model = type(instance)
            while model.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            instance.slug = slug
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """A slug left blank because the name has a problem is the name's problem: the
        model is not asked about it too."""
        errors = dict(import_validation_errors or {})
        exclude = set(errors)
        if "name" in errors and not instance.slug:
            exclude.add("slug")
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class PanelResource(SluggedMixin, OneByOne):
    name = "panels"
    record_words = ("panel", "group", "board", "forum", "association")
    label = _("Panels and groups")
    description = _("One row a panel, board, forum or residents' association.")
    columns = [
        REFERENCE,
        Column("name", "Name", ("Panel", "Group", "Panel name", "Group name"), required=True),
        Column("kind", "Kind", ("Type", "Group type"), required=True),
        Column("corporate", "Corporate group", ("Corporate",)),
        Column("level", "Level", ("Level of involvement",), required=True),
        Column("tier", "Tier", ("Strategic operational local",), required=True),
        Column("landlords", "Landlords", ("Partner landlords", "Landlord")),
        Column("all_areas", "All areas", ("Whole group",)),
        Column("areas", "Areas", ("Area", "Neighbourhoods")),
        Column("meeting_frequency", "Meeting frequency", ("Meets", "Frequency")),
        Column("target_meetings_a_year", "Target meetings a year", ("Meetings a year",)),
        Column("time_commitment", "Time commitment", ("Time",)),
        Column("delegated_budget", "Delegated budget", ("Budget",)),
        Column("terms_of_reference", "Terms of reference", ("TOR", "Remit")),
        Column("opportunity", "Opportunity page", ("Opportunity",)),
        Column("status", "Status"),
        Column("min_members_per_landlord", "Minimum members per landlord", ("Min per landlord",)),
        Column("meets_recognition_criteria", "Meets recognition criteria", ("Criteria met",)),
        Column("recognised_on", "Date recognised", ("Recognised",)),
        Column("last_support_visit", "Last support visit", ("Last visit",)),
        Column("slug", "Slug"),
    ]
    field_widgets = {"opportunity": lambda: NamedObjectWidget(OpportunityPage, name_field="title")}

    class Meta(OneByOne.Meta):
        model = Panel


class MembershipResource(OneByOne):
    name = "memberships"
    record_words = ("membership",)
    label = _("Panel memberships")
    description = _("One row a person on a panel: who, which panel, their role and dates.")
    columns = [
        REFERENCE,
        Column(
            "person", "Person reference", ("Person", "Member ref", "Customer ref"), required=True
        ),
        Column("panel", "Panel", ("Group", "Panel name"), required=True),
        Column("role", "Role", ("Position",)),
        Column("representing_landlord", "Representing landlord", ("Landlord",)),
        Column("start_date", "Start date", ("From", "Joined", "Date joined")),
        Column("end_date", "End date", ("To", "Left", "Date left")),
    ]
    field_widgets = {"person": PersonWidget}

    class Meta(OneByOne.Meta):
        model = Membership


class MeetingResource(OneByOne):
    name = "meetings"
    record_words = ("meeting",)
    label = _("Meetings and attendance")
    description = _("One row a meeting; attendees are people's references separated by ';'.")
    columns = [
        REFERENCE,
        Column("panel", "Panel", ("Group", "Panel name"), required=True),
        Column("date", "Date", ("Meeting date",), required=True),
        Column("attendees", "Attendees", ("Attended", "Present")),
        Column("notes_link", "Notes link", ("Minutes", "Notes")),
    ]
    field_widgets = {"attendees": PeopleWidget}

    class Meta(OneByOne.Meta):
        model = Meeting
