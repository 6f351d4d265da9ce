"""Form fields that tidy what residents type and answer in plain English when it is wrong."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from involvement_pages.text import clean_text

from .normalise import normalise_email, normalise_phone, normalise_postcode


class TextField(forms.CharField):
    """Text with control characters and bidi overrides removed before it is checked."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return clean_text(super().to_python(value), multiline=self.multiline)


class EmailField(TextField):
    widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    default_validators = [
        EmailValidator(_("Enter an email address in the correct format, like name@example.com"))
    ]

    def to_python(self, value):
        try:
            return normalise_email(super().to_python(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class PhoneField(TextField):
    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})

    def to_python(self, value):
        try:
            return normalise_phone(super().to_python(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class PostcodeField(TextField):
    widget = forms.TextInput(attrs={"autocomplete": "postal-code", "class": "inv-input--width-10"})

    def to_python(self, value):
        try:
            return normalise_postcode(super().to_python(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


def too_long(label, limit):
    return {
        "max_length": format_lazy(
            _("{label} must be {limit} characters or fewer"), label=label, limit=limit
        )
    }
