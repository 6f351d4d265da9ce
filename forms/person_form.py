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
from .normalise import normalise_email, normalise_phone, normalise_postcode
from .people import find_person


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

    def clean_postcode(self):
        return self._normalised("postcode", normalise_postcode)

    def clean_legacy_reference(self):
        return normalise_reference(self.cleaned_data.get("legacy_reference", ""))

    def clean(self):
        cleaned = super().clean()
        others = Person.objects.exclude(pk=self.instance.pk)
        email, phone = cleaned.get("email", ""), cleaned.get("phone", "")
        # The forms' rule: a person is found by email, or by phone when they gave no email.
        existing = find_person(email, phone)
        if existing is not None and existing.pk != self.instance.pk:
            field = "email" if email and existing.email == email else "phone"
            self.add_error(field, self._already(existing))
        elif email == "" and phone and others.filter(phone=phone).exists():
            self.add_error("phone", self._already(others.filter(phone=phone).first()))
        reference = cleaned.get("legacy_reference", "")
        if reference:
            holder = others.filter(legacy_reference=reference).first()
            if holder is not None:
                self.add_error("legacy_reference", self._already(holder))
        return cleaned

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
