"""Adding to the register without duplicates: one person per email, or per phone without one.

The database's unique constraints decide a race: when two submissions for a new person
arrive together, one insert wins and the other updates the row it made.
"""

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from wagtail.log_actions import log

from .models.people import (
    OFFICERS_ONLY_FIELDS,
    PERSON_COLUMNS,
    PHONE_FIELDS,
    EqualityMonitoring,
    Person,
)

# What a resident's answers can set on their record.
_ANSWERS = [field for field in PERSON_COLUMNS if field not in OFFICERS_ONLY_FIELDS]
MANY_FIELDS = tuple(f for f in _ANSWERS if Person._meta.get_field(f).many_to_many)
SCALAR_FIELDS = tuple(f for f in _ANSWERS if f not in MANY_FIELDS)


def holds_number(numbers):
    """People with any of ``numbers`` as their phone, mobile or landline."""
    numbers = sorted({n for n in numbers if n})
    condition = Q()
    for field in PHONE_FIELDS:
        condition |= Q(**{f"{field}__in": numbers})
    return condition


def find_person(email, phone, *, lock=False, numbers=()):
    """The person these details belong to, or None.

    An email finds its owner; failing that, a number finds someone who gave no email (so a
    person who first joined by phone gets their email added instead of a second record).
    With no email, a number finds anyone with it, people without an email first. A number
    is looked for as their phone, mobile or landline alike: older registers kept the
    mobile apart, and a resident who types it on a form is the same person.
    """
    people = Person.objects.select_for_update() if lock else Person.objects.all()
    numbers = [n for n in (phone, *numbers) if n]
    if email:
        found = people.filter(email=email).first()
        if found or not numbers:
            return found
        return people.filter(holds_number(numbers), email="").order_by("pk").first()
    if numbers:
        no_email_first = Case(
            When(email="", then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return people.filter(holds_number(numbers)).order_by(no_email_first, "pk").first()
    return None


@transaction.atomic(savepoint=False)  # callers' own transaction is enough; fewer statements
def record_person(details):
    """Create or update the person these details describe; return (person, created).

    Answers given now replace older ones, blanks never erase, ticked lists are merged
    (interests add up), and joining again makes an inactive person active.
    """
    scalars = {k: details[k] for k in SCALAR_FIELDS if details.get(k) not in (None, "")}
    email, phone = scalars.get("email", ""), scalars.get("phone", "")
    person = find_person(email, phone, lock=True)
    created = False
    if person is None:
        try:
            with transaction.atomic():
                person = Person.objects.create(**scalars)
                created = True
        except IntegrityError:
            # Another submission made this person a moment ago; update theirs instead.
            person = find_person(email, phone, lock=True)
            if person is None:
                raise
    if not created:
        for field, value in scalars.items():
            setattr(person, field, value)
        person.is_active = True
        person.save()
    for field in MANY_FIELDS:
        values = details.get(field)
        if values:
            getattr(person, field).add(*values)
    return person, created


def save_equality(person, answers, consent_version):
    """Keep a person's equality answers with the consent they gave; newer answers replace older."""
    if not answers:
        return None
    record, _ = EqualityMonitoring.objects.update_or_create(
        person=person,
        defaults={
            **{field: answers.get(field, "") for field in EqualityMonitoring.ANSWER_FIELDS},
            "consent_given_at": timezone.now(),
            "consent_version": consent_version,
        },
    )
    return record


@transaction.atomic
def withdraw_equality_consent(person):
    """Delete the person's equality answers now; True if there were any to delete.

    The admin's log records the deletion by person number (the record's own label), with
    no answer in it, so the Equality data group can see why a record went."""
    records = list(EqualityMonitoring.objects.filter(person=person))
    for record in records:
        log(record, "wagtail.delete", data={"reason": "consent withdrawn by the resident"})
        record.delete()
    return bool(records)


def leave_register(person):
    """The person asked to leave the register: stop contacting them, and delete the
    equality answers they gave for involvement monitoring. Their sign-ups stay booked
    (each has its own cancel link); joining again makes them active."""
    person.is_active = False
    person.save(update_fields=["is_active", "updated_at"])
    EqualityMonitoring.objects.filter(person=person).delete()
