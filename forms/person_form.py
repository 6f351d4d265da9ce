"""The admin's Add and Edit person form: tidied and checked for duplicates like the forms.

Without this an officer could store ``XSS1@EXAMPLE.COM`` beside ``xss1@example.com`` or
``r-20`` beside ``R-20``: two records for one person that the forms would never match.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminModelForm

from .models import Person
from .models.people import PHONE_FIELDS
from .normalise import normalise_email, normalise_phone, normalise_postcode
from .people import find_person, holds_number


def normalise_reference(value):
    """References as the importer matches them: upper case, no spaces (``r-20`` → ``R-20``)."""
    return "".join((value or "").upper().split())


class PersonAdminForm(WagtailAdminModelForm):
    def _normalised(self, field, normalise):
        try:
            return normalise(self.cleaned_data.get(field, ""))
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean_email(self):
        return self._normalised("email", normalise_email)

    def clean_phone(self):
        return self._normalised("phone", normalise_phone)

    def clean_mobile(self):
        return self._normalised("mobile", normalise_phone)

    def clean_landline(self):
        return self._normalised("landline", normalise_phone)

    def clean_postcode(self):
        return self._normalised("postcode", normalise_postcode)

    def clean_legacy_reference(self):
        return normalise_reference(self.cleaned_data.get("legacy_reference", ""))

    def clean(self):
        cleaned = super().clean()
        others = Person.objects.exclude(pk=self.instance.pk)
        email = cleaned.get("email", "")
        numbers = {f: cleaned.get(f, "") for f in PHONE_FIELDS if cleaned.get(f)}
        # The forms' rule: a person is found by email, or by any of their numbers when they
        # gave no email.
        existing = find_person(email, "", numbers=list(numbers.values()))
        if existing is not None and existing.pk != self.instance.pk:
            self.add_error(self._matching_field(existing, email, numbers), self._already(existing))
        elif email == "" and numbers:
            holder = others.filter(holds_number(numbers.values())).first()
            if holder is not None:
                self.add_error(self._matching_field(holder, email, numbers), self._already(holder))
        reference = cleaned.get("legacy_reference", "")
        if reference:
            holder = others.filter(legacy_reference=reference).first()
            if holder is not None:
                self.add_error("legacy_reference", self._already(holder))
        return cleaned

    @staticmethod
    def _matching_field(person, email, numbers):
        """The field whose value the other person holds, to put the message beside it."""
        if email and person.email == email:
            return "email"
        held = {getattr(person, f) for f in PHONE_FIELDS} - {""}
        return next((f for f, number in numbers.items() if number in held), "email")

    @staticmethod
    def _already(person):
        url = reverse("involvement_register:edit", args=[person.pk])
        return ValidationError(
            format_html(
                _(
                    'This belongs to <a href="{}">{}</a>, already on the register. '
                    "Update their record instead of adding a second one."
                ),
                url,
                person.name,
            )
        )
