"""Spreadsheet exports of the register, sign-ups and (apart) equality answers.

Every cell passes through the formula escaping in ``forms/spreadsheet.py``. The register's
export has no equality columns: those answers export only from their own list, which only
the Equality data group can open.
"""

from import_export.fields import Field
from import_export.widgets import DateWidget, ForeignKeyWidget, ManyToManyWidget

from involvement_pages.references import own_reference

from .models import EqualityMonitoring, Person, SignUp
from .models.people import PERSON_COLUMNS
from .spreadsheet import FormulaEscapingResource

#: Dates as the register's spreadsheets write them, day first.
SPREADSHEET_DATE_FORMAT = "%d/%m/%Y"


def _names(manager):
    return "; ".join(item.name for item in manager.all())


def _related_field(name):
    """A list answer or a related row, written by its name as the importer reads it."""
    model_field = Person._meta.get_field(name)
    widget_class = ManyToManyWidget if model_field.many_to_many else ForeignKeyWidget
    options = {"separator": "; "} if model_field.many_to_many else {}
    widget = widget_class(model_field.related_model, field="name", **options)
    return Field(attribute=name, widget=widget)


class PersonResource(FormulaEscapingResource):
    """The register's download, in the columns the importer reads back unchanged."""

    legacy_reference = Field()
    landlord = _related_field("landlord")
    area = _related_field("area")
    interests = _related_field("interests")
    ways_to_take_part = _related_field("ways_to_take_part")
    availability = _related_field("availability")
    communication_needs = _related_field("communication_needs")
    support_needs = _related_field("support_needs")
    date_of_birth = Field(attribute="date_of_birth", widget=DateWidget(SPREADSHEET_DATE_FORMAT))
    date_joined = Field(attribute="date_joined", widget=DateWidget(SPREADSHEET_DATE_FORMAT))
    is_active = Field()

    class Meta:
        model = Person
        fields = tuple(PERSON_COLUMNS)
        export_order = fields

    def get_export_headers(self, selected_fields=None):
        return [PERSON_COLUMNS[f.column_name] for f in self.get_export_fields(selected_fields)]

    @staticmethod
    def prefetch(queryset):
        """What the export reads, fetched in a fixed number of queries."""
        return queryset.select_related("landlord", "area").prefetch_related(
            "interests", "availability", "ways_to_take_part", "communication_needs", "support_needs"
        )

    def dehydrate_legacy_reference(self, person):
        return person.legacy_reference or own_reference(person.pk)

    def dehydrate_is_active(self, person):
        return "Yes" if person.is_active else "No"


class SignUpResource(FormulaEscapingResource):
    form = Field(attribute="page__title", column_name="form")
    name = Field(attribute="person__name", column_name="name")
    email = Field(attribute="person__email", column_name="email")
    phone = Field(attribute="person__phone", column_name="phone")
    communication_needs = Field(column_name="communication needs")
    support_needs = Field(column_name="support needs")
    answers = Field(column_name="answers to extra questions")
    attended_on = Field(attribute="attended_on", column_name="came on")

    class Meta:
        model = SignUp
        fields = (
            "id",
            "form",
            "name",
            "email",
            "phone",
            "status",
            "submit_time",
            "attended_on",
            "communication_needs",
            "support_needs",
            "answers",
        )
        export_order = fields

    @staticmethod
    def prefetch(queryset):
        return queryset.select_related("page", "person").prefetch_related(
            "person__communication_needs", "person__support_needs"
        )

    def dehydrate_communication_needs(self, signup):
        return _names(signup.person.communication_needs)

    def dehydrate_support_needs(self, signup):
        return _names(signup.person.support_needs)

    def dehydrate_answers(self, signup):
        return "; ".join(f"{key}: {value}" for key, value in signup.form_data.items() if value)


class EqualityResource(FormulaEscapingResource):
    person_id = Field(attribute="person_id", column_name="person id")

    class Meta:
        model = EqualityMonitoring
        fields = (
            "person_id",
            *EqualityMonitoring.ANSWER_FIELDS,
            "consent_given_at",
            "consent_version",
        )
        export_order = fields

    @staticmethod
    def prefetch(queryset):
        return queryset
