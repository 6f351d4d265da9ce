"""Everything held about one person, gathered for a subject access request.

The register, sign-ups, join forms, equality answers and audit entries are this app's own;
the apps above it (panels, expenses, grants, consultations, importers) add theirs through
the Wagtail hook ``PERSON_DATA_HOOK`` ("involvement_person_data"): each function takes
``(person)`` and returns a list of :class:`DataSection`. A section reads its rows in a fixed
number of queries, however much the person has, so an export stays quick.
"""

import dataclasses
import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import ModelLogEntry

from .models import AccessLogEntry, EqualityMonitoring, Person
from .models.people import PERSON_COLUMNS

PERSON_DATA_HOOK = "involvement_person_data"
SEPARATOR = "; "


@dataclasses.dataclass
class DataSection:
    """One file pair (``<slug>.json``, ``<slug>.csv``) of the export and its line in the index.

    ``rows`` is a list of dicts with the same keys; ``note`` replaces the files when the
    section is held but not exported here (equality answers for someone outside that group).
    """

    slug: str
    title: str
    description: str
    rows: list
    note: str = ""


def plain(value):
    """A cell as JSON can hold it: dates as ISO strings, money as text, lists as lists."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def choice(instance, field):
    return getattr(instance, f"get_{field}_display")() if getattr(instance, field) else ""


def names(related):
    return [str(item) for item in related.all()]


def register_record(person):
    """Every field of their record, with each header the register's download uses."""
    row = {}
    for field, header in PERSON_COLUMNS.items():
        model_field = Person._meta.get_field(field)
        if model_field.many_to_many:
            row[header] = names(getattr(person, field))
        elif model_field.choices:
            row[header] = choice(person, field)
        elif model_field.is_relation:
            related = getattr(person, field)
            row[header] = str(related) if related else ""
        else:
            row[header] = getattr(person, field)
    row[gettext("Age band")] = person.get_age_band_display()
    row[gettext("Person number")] = person.pk
    row[gettext("Added")] = person.created_at
    row[gettext("Last changed")] = person.updated_at
    return [row]


def sign_up_rows(person):
    return [
        {
            gettext("Form"): sign_up.page.title,
            gettext("Status"): sign_up.get_status_display(),
            gettext("Signed up"): sign_up.submit_time,
            gettext("Status changed"): sign_up.status_changed_at,
            gettext("Came on"): sign_up.attended_on,
            gettext("Answers to extra questions"): sign_up.form_data,
        }
        for sign_up in person.sign_ups.select_related("page").order_by("submit_time", "pk")
    ]


def join_form_rows(person):
    return [
        {
            gettext("Form"): entry.page.title,
            gettext("First sent"): entry.submit_time,
            gettext("Last sent"): entry.updated_at,
            gettext("Answers to extra questions"): entry.form_data,
        }
        for entry in person.register_entries.select_related("page").order_by("submit_time")
    ]


def equality_rows(equality):
    row = {
        str(EqualityMonitoring._meta.get_field(field).verbose_name).capitalize(): choice(
            equality, field
        )
        for field in EqualityMonitoring.ANSWER_FIELDS
    }
    row[gettext("Consent given")] = equality.consent_given_at
    row[gettext("Consent wording")] = equality.consent_version
    return [row]


def audit_rows(person, equality):
    about = Q(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))
    if equality is not None:
        content_type = ContentType.objects.get_for_model(EqualityMonitoring)
        about |= Q(content_type=content_type, object_id=str(equality.pk))
    entries = sorted(
        (
            entry
            for model in (ModelLogEntry, AccessLogEntry)
            for entry in model.objects.filter(about).select_related("user")
        ),
        key=lambda entry: (entry.timestamp, entry.pk),
    )
    return [
        {
            gettext("When"): entry.timestamp,
            gettext("What"): entry.message,
            gettext("By"): entry.user_display_name,
        }
        for entry in entries
    ]


def own_sections(person, equality, include_equality):
    sections = [
        DataSection(
            "register-record",
            gettext("Register record"),
            gettext(
                "Their record on the involvement register: contact details, home, interests, "
                "needs (including communication needs) and date of birth."
            ),
            register_record(person),
        ),
        DataSection(
            "sign-ups",
            gettext("Sign-ups"),
            gettext(
                "Each event or opportunity they signed up for, whether they came, and their "
                "answers to the form's extra questions."
            ),
            sign_up_rows(person),
        ),
        DataSection(
            "join-forms",
            gettext("Join forms"),
            gettext("The join forms they sent and their answers to the extra questions."),
            join_form_rows(person),
        ),
    ]
    description = gettext(
        "Their optional equality monitoring answers and the consent they gave with them."
    )
    if equality is None:
        sections.append(DataSection("equality", gettext("Equality monitoring"), description, []))
    elif include_equality:
        sections.append(
            DataSection(
                "equality", gettext("Equality monitoring"), description, equality_rows(equality)
            )
        )
    else:
        sections.append(
            DataSection(
                "equality",
                gettext("Equality monitoring"),
                description,
                [],
                note=gettext(
                    "Equality monitoring answers are held for this person but are not in this "
                    "export: only the Equality data group may see them. Ask that group to "
                    "export them (person %(number)s)."
                )
                % {"number": person.pk},
            )
        )
    return sections


def person_data(person, *, include_equality):
    """[DataSection]: everything held about ``person``, this app's sections first."""
    person = (
        Person.objects.select_related("landlord", "area")
        .prefetch_related(
            "interests", "availability", "ways_to_take_part", "communication_needs", "support_needs"
        )
        .get(pk=person.pk)
    )
    equality = EqualityMonitoring.objects.filter(person=person).first()
    sections = own_sections(person, equality, include_equality)
    for hook in hooks.get_hooks(PERSON_DATA_HOOK):
        sections.extend(hook(person))
    sections.append(
        DataSection(
            "audit-log",
            gettext("Audit log"),
            gettext(
                "Who added, changed, viewed or exported their record, and when. It never "
                "holds equality answers."
            ),
            audit_rows(person, equality),
        )
    )
    return sections


EXPORT_TITLE = _("Everything we hold about %(name)s")
