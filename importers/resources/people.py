"""The involvement register, with equality answers only where the file records consent."""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forms.models import CommunicationNeed, EqualityMonitoring, Person
from forms.models.people import PERSON_COLUMNS, PHONE_FIELDS
from involvement_pages.references import own_reference

from ..columns import Column
from ..values import grouped
from ..widgets import (
    ChoiceWidget,
    DateOfBirthWidget,
    DateWidget,
    PhoneWidget,
    PostcodeWidget,
    TextWidget,
    YesNoWidget,
)
from .base import LOOKUP_CHUNK, LegacyResource

#: What else people call the register's columns in the files they bring.
OTHER_NAMES = {
    "legacy_reference": ("Ref", "Customer ref", "Tenant ref", "ID", "Customer number", "Person ID"),
    "name": ("Name", "Customer name", "Resident name"),
    "email": ("E-mail", "Email address"),
    "phone": ("Telephone", "Tel", "Phone number", "Contact number", "Main phone"),
    "mobile": ("Mob", "Mobile phone", "Mobile number", "Mobile tel", "Cell", "Cell phone"),
    "landline": ("Home tel", "Home phone", "Home telephone", "Home number", "Landline number"),
    "address": ("Address line 1", "Address 1", "Street", "Home address"),
    "postcode": ("Post code", "Postal code", "Zip"),
    "contact_method": ("Contact method", "Contact by", "Preferred contact"),
    "tenure": ("Tenancy type", "Tenure type"),
    "landlord": ("Partner", "Landlord name"),
    "area": ("Neighbourhood", "Patch", "Estate"),
    "interests": ("Service interests", "Interested in"),
    "skills": ("Skills and experience",),
    "availability": ("Available",),
    "ways_to_take_part": ("Preferred ways to take part", "How to take part"),
    "communication_needs": ("Comms needs", "Format needs"),
    "language": (
        "Preferred language",
        "First language",
        "Interpreter language",
        "Language needed",
        "Language required",
    ),
    "support_needs": ("Support required", "Needs"),
    "other_needs": ("Other support needs", "Notes on needs"),
    "how_heard": ("Source", "How heard"),
    "date_of_birth": ("DOB", "Birth date", "Birthdate", "Born"),
    "date_joined": ("Joined", "Start date", "Registered", "Date registered"),
    "is_active": ("Is active", "Current", "Active member"),
}
EQUALITY_COLUMNS = [
    Column("age_band", "Age band", ("Age", "Age group")),
    Column("gender", "Gender", ("Sex",)),
    Column("ethnicity", "Ethnicity", ("Ethnic group", "Ethnic origin")),
    Column("disability", "Disability", ("Disabled",)),
    Column("sexual_orientation", "Sexual orientation", ("Sexuality",)),
    Column("religion", "Religion", ("Religion or belief", "Faith")),
]
CONSENT_COLUMNS = [
    Column(
        "consent_given_at",
        "Equality consent date",
        ("Consent date", "Equality consent", "Monitoring consent date"),
    ),
    Column("consent_version", "Equality consent wording", ("Consent version", "Consent wording")),
]
#: Older registers keep each communication need as its own yes/no column; each fills the
#: need (by its option's slug) in the register's one list of communication needs.
NEED_COLUMNS = [
    Column(
        "needs_large_print",
        "Large print",
        aliases=("Large print (Y/N)", "LP", "Needs large print", "Large print required"),
    ),
    Column("needs_braille", "Braille", aliases=("Braille (Y/N)", "Needs Braille")),
    Column(
        "needs_audio",
        "Audio",
        aliases=("Audio (Y/N)", "Audio tape", "Audio CD", "Needs audio", "Talking tape"),
    ),
    Column(
        "needs_interpreter",
        "Interpreter",
        aliases=("Interpreter (Y/N)", "Needs interpreter", "Interpreter required"),
    ),
    Column(
        "needs_bsl",
        "BSL",
        aliases=("BSL (Y/N)", "British Sign Language", "Needs BSL", "Sign language"),
    ),
    Column("needs_easy_read", "Easy read", aliases=("Easy read (Y/N)", "Needs easy read")),
]
NEED_SLUGS = {
    "needs_large_print": "large-print",
    "needs_braille": "braille",
    "needs_audio": "audio",
    "needs_interpreter": "interpreter",
    "needs_bsl": "bsl",
    "needs_easy_read": "easy-read",
}
EQUALITY_FIELDS = {c.field for c in EQUALITY_COLUMNS}
EQUALITY_HEADERS = {c.header for c in EQUALITY_COLUMNS}
NAME_PARTS = {"first_name", "last_name"}
NEED_FIELDS = set(NEED_SLUGS)
NAME_LENGTH = Person._meta.get_field("name").max_length
ASIDE_FIELDS = EQUALITY_FIELDS | {c.field for c in CONSENT_COLUMNS} | NAME_PARTS | NEED_FIELDS


def consent_time(day):
    """Legacy files record the day of consent; keep it as midday London time on that day."""
    return timezone.make_aware(datetime.combine(day, time(12)))


class PersonResource(LegacyResource):
    name = "people"
    record_words = ("person", "customer", "tenant", "resident", "member")
    private_columns = ASIDE_FIELDS
    label = _("People (the involvement register)")
    description = _("One row a person. Rows with the same reference update that person.")
    # The register's own columns (as the admin's download writes them), then what only
    # legacy files hold: the name in two parts, and equality answers with their consent.
    columns = [
        *(
            Column(field, header, OTHER_NAMES.get(field, ()), required=field == "legacy_reference")
            for field, header in PERSON_COLUMNS.items()
        ),
        Column("first_name", "First name", ("Forename", "Given name", "First names")),
        Column("last_name", "Last name", ("Surname", "Family name")),
        *NEED_COLUMNS,
        *EQUALITY_COLUMNS,
        *CONSENT_COLUMNS,
    ]
    field_widgets = {
        "phone": lambda: PhoneWidget(max_length=20),
        "mobile": lambda: PhoneWidget(max_length=20),
        "landline": lambda: PhoneWidget(max_length=20),
        "date_of_birth": DateOfBirthWidget,
        "postcode": lambda: PostcodeWidget(max_length=10),
        "date_joined": DateWidget,
        "consent_version": lambda: TextWidget(max_length=40),
    }

    class Meta(LegacyResource.Meta):
        model = Person

    def widget_for(self, column):
        if column.field in NAME_PARTS:
            return TextWidget(max_length=NAME_LENGTH // 2)
        if column.field in EQUALITY_FIELDS:
            model_field = EqualityMonitoring._meta.get_field(column.field)
            return ChoiceWidget(model_field.choices)
        if column.field == "consent_given_at":
            return DateWidget()
        if column.field in NEED_FIELDS:
            return YesNoWidget()
        return super().widget_for(column)

    def check_columns(self, fields):
        messages = []
        if "name" not in fields and not set(fields) >= NAME_PARTS:
            messages.append(
                gettext(
                    "Choose which column holds the Full name, or the columns that hold the "
                    "First name and the Last name."
                )
            )
        equality = EQUALITY_FIELDS & set(fields)
        if not equality:
            return messages
        if "consent_given_at" not in fields:
            messages.append(
                gettext(
                    "The file has equality answers but no 'Equality consent date' column. "
                    "We only keep equality answers that the person agreed to give."
                )
            )
        if self.user is not None and not self.user.has_perm(
            "involvement_forms.view_equalitymonitoring"
        ):
            messages.append(
                gettext(
                    "The file has equality answers, and only people in the Equality data "
                    "group can import them. Remove those columns, or ask a colleague in that "
                    "group."
                )
            )
        return messages

    def check_rows(self, rows):
        """The same email twice in the file, or an email that belongs to someone else."""
        problems = {}
        first_line_by_email = {}
        key, email_field = self.key_field(), self.fields["Email"]
        for index, row in enumerate(rows):
            try:
                email = email_field.clean(row) if "Email" in row else ""
            except ValueError:
                continue  # reported against the row when it is imported
            if not email:
                continue
            if email in first_line_by_email:
                other = first_line_by_email[email][1]
                problems.setdefault(index, []).append(
                    (
                        "email",
                        gettext("The email %(email)s is also on line %(line)s.")
                        % {"email": email, "line": other},
                    )
                )
            else:
                first_line_by_email[email] = (index, row["__line__"])
        emails = list(first_line_by_email)
        for start in range(0, len(emails), LOOKUP_CHUNK):
            chunk = emails[start : start + LOOKUP_CHUNK]
            for email, reference, pk in Person.objects.filter(email__in=chunk).values_list(
                "email", "legacy_reference", "pk"
            ):
                index, _ = first_line_by_email[email]
                try:
                    own = key.clean(rows[index])
                except ValueError:
                    continue  # a reference that cannot be one is reported on its row
                if own not in (reference, own_reference(pk)):
                    holder = (
                        gettext("reference %(reference)s") % {"reference": reference}
                        if reference
                        else gettext("no reference")
                    )
                    problems.setdefault(index, []).append(
                        (
                            "email",
                            gettext(
                                "%(email)s belongs to someone else on the register (%(holder)s)."
                            )
                            % {"email": email, "holder": holder},
                        )
                    )
        return problems

    def joined_meanwhile(self, instances, since):
        """People who joined online since the check began, matched to the file's new rows
        as the register matches a sign-up (forms/people.py): the email finds its owner;
        failing that a number finds someone with no email (anyone, for a row without one).
        Those who joined during one import are few: they are read in one query."""
        joined = list(
            Person.objects.filter(legacy_reference="", created_at__gte=since).order_by("pk")
        )
        if not joined:
            return []
        found, rows_taken, people_taken = [], set(), set()
        by_email = {i.email: i for i in instances if i.email}
        for holder in joined:
            instance = by_email.get(holder.email) if holder.email else None
            if instance is not None:
                found.append((instance, holder))
                rows_taken.add(id(instance))
                people_taken.add(holder.pk)
        by_number = {}
        for instance in instances:
            if id(instance) in rows_taken:
                continue
            for field in PHONE_FIELDS:
                if getattr(instance, field, ""):
                    by_number.setdefault(getattr(instance, field), instance)
        for holder in joined:
            if holder.pk in people_taken:
                continue
            for field in PHONE_FIELDS:
                instance = by_number.get(getattr(holder, field))
                if instance is None or id(instance) in rows_taken:
                    continue
                if instance.email and holder.email:
                    continue  # two emails: two people, whatever their numbers
                found.append((instance, holder))
                rows_taken.add(id(instance))
                people_taken.add(holder.pk)
                break
        return found

    def adopt_extra(self, instance, record):
        record._pending_equality = getattr(instance, "_pending_equality", None)

    # Equality answers live in their own model: keep them aside, save them after the batch.
    # Blank answers in a file mean "not given here": answers already held are kept.

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        first, last = row.get("First name"), row.get("Last name")
        self._joined_name_length = 0
        if not str(row.get("Full name") or "").strip() and (first or last):
            joined = " ".join(str(part).strip() for part in (first, last) if part)
            if len(joined) > NAME_LENGTH:
                # Reported against the parts the file holds, not a column it does not have.
                self._joined_name_length, joined = len(joined), ""
            row["Full name"] = joined

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if {"First name", "Last name"} & self.file_headers:
            self.file_headers.add("Full name")  # built from the parts: compare it

    def import_extra(self, instance, row):
        equality, errors = {}, {}
        if not instance.name and getattr(self, "_joined_name_length", 0):
            errors["first_name"] = ValidationError(
                gettext(
                    "First name and Last name together are %(length)s characters long; the "
                    "most a full name holds is %(most)s."
                )
                % {"length": grouped(self._joined_name_length), "most": grouped(NAME_LENGTH)}
            )
        elif not instance.name:
            errors["name"] = ValidationError(gettext("Full name is blank."))
        for field in self.fields.values():
            if field.attribute in ASIDE_FIELDS and field.column_name in row:
                try:
                    equality[field.attribute] = field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc))
        answered = any(equality.get(f) for f in EQUALITY_FIELDS)
        if answered and not equality.get("consent_given_at") and "consent_given_at" not in errors:
            errors["consent_given_at"] = ValidationError(
                gettext(
                    "Equality answers need the date the person consented. Leave the answers "
                    "blank if there is no consent."
                )
            )
        instance._pending_equality = equality if answered and not errors else None
        errors.update(self.import_needs(instance, row))
        return errors

    def import_needs(self, instance, row):
        """Yes adds the need to the person's list, No takes it off, a blank leaves it."""
        answers, errors = {}, {}
        for column in NEED_COLUMNS:
            if column.header not in row:
                continue
            try:
                answers[column.field] = self.fields[column.header].clean(row)
            except ValueError as exc:
                errors[column.field] = ValidationError(str(exc))
        if errors or all(answer is None for answer in answers.values()):
            return errors
        pending = instance._pending_m2m
        if "communication_needs" in pending:
            needs = list(pending["communication_needs"])
        else:
            needs = list(instance.communication_needs.all()) if instance.pk else []
        options = self.need_options()
        for field, answer in answers.items():
            option = options[NEED_SLUGS[field]]
            if answer and option not in needs:
                needs.append(option)
            elif answer is False and option in needs:
                needs.remove(option)
        pending["communication_needs"] = needs
        return errors

    def need_options(self):
        if not hasattr(self, "_need_options"):
            found = {
                o.slug: o for o in CommunicationNeed.objects.filter(slug__in=NEED_SLUGS.values())
            }
            missing = set(NEED_SLUGS.values()) - set(found)
            if missing:
                raise ValueError(
                    gettext("The register has no communication need %(slugs)s: run migrate.")
                    % {"slugs": ", ".join(sorted(missing))}
                )
            self._need_options = found
        return self._need_options

    def model_fields(self):
        return [f for f in self.fields.values() if f.attribute not in ASIDE_FIELDS]

    def get_queryset(self):
        return super().get_queryset().select_related("equality")

    def snapshot(self, instance):
        values = super().snapshot(instance)
        need_headers = {c.header for c in NEED_COLUMNS} & self.file_headers
        if need_headers:
            pending = getattr(instance, "_pending_m2m", None) or {}
            if "communication_needs" in pending:
                slugs = {o.slug for o in pending["communication_needs"]}
            else:
                slugs = (
                    {o.slug for o in instance.communication_needs.all()} if instance.pk else set()
                )
            for column in NEED_COLUMNS:
                if column.header in need_headers:
                    values[column.header] = "Yes" if NEED_SLUGS[column.field] in slugs else "No"
        if not EQUALITY_HEADERS & self.file_headers:
            return values
        answers = getattr(instance, "_pending_equality", None)
        if answers is None:
            saved = getattr(instance, "equality", None) if instance.pk else None
            answers = {f: getattr(saved, f) for f in EQUALITY_FIELDS} if saved else {}
        for field in self.fields.values():
            if field.attribute in EQUALITY_FIELDS and field.column_name in self.file_headers:
                values[field.column_name] = field.widget.render(answers.get(field.attribute))
        return values

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._pending_equality = None

    def after_batch_saved(self, instances, created):
        super().after_batch_saved(instances, created)
        answered = [i for i in instances if getattr(i, "_pending_equality", None)]
        if not answered:
            return
        if not created:
            EqualityMonitoring.objects.filter(person__in=[i.pk for i in answered]).delete()
        EqualityMonitoring.objects.bulk_create(
            [
                EqualityMonitoring(
                    person_id=i.pk,
                    consent_version=i._pending_equality.get("consent_version") or "imported",
                    consent_given_at=consent_time(i._pending_equality["consent_given_at"]),
                    **{f: i._pending_equality.get(f) or "" for f in EQUALITY_FIELDS},
                )
                for i in answered
            ]
        )
