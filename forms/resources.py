"""Spreadsheet exports of the register, sign-ups and (apart) equality answers.

Every cell passes through the formula escaping in ``forms/spreadsheet.py``. The register's
export has no equality columns: those answers export only from their own list, which only
the Equality data group can open.
"""

from import_export.fields import Field

from .models import EqualityMonitoring, Person, SignUp
from .spreadsheet import FormulaEscapingResource, escape_formula


def _names(manager):
    return "; ".join(item.name for item in manager.all())


class PersonResource(FormulaEscapingResource):
    landlord = Field(attribute="landlord__name", column_name="landlord")
    area = Field(attribute="area__name", column_name="area")
    interests = Field(column_name="interests")
    availability = Field(column_name="availability")
    ways_to_take_part = Field(column_name="ways to take part")
    communication_needs = Field(column_name="communication needs")
    support_needs = Field(column_name="support needs")

    class Meta:
        model = Person
        fields = (
            "id",
            "name",
            "email",
            "phone",
            "address",
            "postcode",
            "contact_method",
            "tenure",
            "landlord",
            "area",
            "interests",
            "skills",
            "availability",
            "ways_to_take_part",
            "communication_needs",
            "language",
            "support_needs",
            "other_needs",
            "how_heard",
            "date_joined",
            "is_active",
            "legacy_reference",
        )
        export_order = fields

    @staticmethod
    def prefetch(queryset):
        """What the export reads, fetched in a fixed number of queries."""
        return queryset.select_related("landlord", "area").prefetch_related(
            "interests", "availability", "ways_to_take_part", "communication_needs", "support_needs"
        )

    def dehydrate_interests(self, person):
        return _names(person.interests)

    def dehydrate_availability(self, person):
        return _names(person.availability)

    def dehydrate_ways_to_take_part(self, person):
        return _names(person.ways_to_take_part)

    def dehydrate_communication_needs(self, person):
        return _names(person.communication_needs)

    def dehydrate_support_needs(self, person):
        return _names(person.support_needs)

    def dehydrate_contact_method(self, person):
        return person.get_contact_method_display()

    def dehydrate_tenure(self, person):
        return person.get_tenure_display()

    def dehydrate_how_heard(self, person):
        return person.get_how_heard_display()


class SignUpResource(FormulaEscapingResource):
    form = Field(attribute="page__title", column_name="form")
    name = Field(attribute="person__name", column_name="name")
    email = Field(attribute="person__email", column_name="email")
    phone = Field(attribute="person__phone", column_name="phone")
    communication_needs = Field(column_name="communication needs")
    support_needs = Field(column_name="support needs")
    answers = Field(column_name="answers to extra questions")

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

    def dehydrate_status(self, signup):
        return signup.get_status_display()

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

    def export_field(self, field, instance, **kwargs):
        # Show the label residents chose ("Prefer not to say"); a blank stays blank.
        name = field.attribute
        if name in EqualityMonitoring.ANSWER_FIELDS:
            return escape_formula(getattr(instance, f"get_{name}_display")())
        return super().export_field(field, instance, **kwargs)
