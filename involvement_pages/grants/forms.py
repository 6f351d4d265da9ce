"""The online grant application: the resident's own questions, then the project's."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forms.fields import TextField, too_long
from forms.forms import ResidentForm, Section
from involvement_pages.panels.models import Panel, PanelStatus

APPLICATION_FIELDS = ("applicant_group", "group_name", "project", "description", "amount")
MOST = Decimal("1000000")
MAX_AMOUNT_CHARACTERS = 20  # checked here: a length validator cannot measure a Decimal
POUNDS_RE = re.compile(r"^\d+(\.\d{1,2})?$")


class PoundsField(TextField):
    """An amount in pounds as residents write it: '1500', '£1,500' or '1,500.50'."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "inv-input--width-10"})

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        plain = text.replace("£", "").replace(",", "").replace(" ", "")
        if len(plain) > MAX_AMOUNT_CHARACTERS or not POUNDS_RE.match(plain):
            raise ValidationError(
                _("Enter the amount in pounds, like 1500 or 1500.50"), code="invalid"
            )
        try:
            amount = Decimal(plain)
        except InvalidOperation as error:
            raise ValidationError(
                _("Enter the amount in pounds, like 1500 or 1500.50"), code="invalid"
            ) from error
        if amount <= 0:
            raise ValidationError(_("The amount must be more than £0"), code="min_value")
        if amount >= MOST:
            raise ValidationError(_("The amount must be less than £1,000,000"), code="max_value")
        return amount


class GroupChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class GrantApplicationForm(ResidentForm):
    """Who is applying and how to reach them, then the project and the money asked for."""

    applicant_group = GroupChoice(
        Panel.objects.exclude(status=PanelStatus.CLOSED).order_by("name"),
        label=_("Which group is applying?"),
        required=False,
        to_field_name="slug",
        empty_label=_("My group is not listed, or I am applying for myself"),
        widget=forms.Select,
    )
    group_name = TextField(
        label=_("If your group is not listed, what is it called? (optional)"),
        required=False,
        max_length=200,
        error_messages=too_long(_("The group's name"), 200),
    )
    project = TextField(
        label=_("What is your project called?"),
        max_length=200,
        help_text=_("A few words, for example 'Lunch club for older residents'."),
        error_messages={
            "required": _("Enter the name of your project"),
            **too_long(_("The project's name"), 200),
        },
    )
    description = TextField(
        label=_("What will the money pay for?"),
        multiline=True,
        max_length=5000,
        help_text=_("Who the project is for, what you will do, and what you will buy."),
        error_messages={
            "required": _("Tell us what the money will pay for"),
            **too_long(_("This answer"), 5000),
        },
    )
    amount = PoundsField(
        label=_("How much are you asking for?"),
        help_text=_("In pounds, for example 1500."),
        error_messages={"required": _("Enter how much you are asking for")},
    )

    sections = (
        ResidentForm.sections[0],
        Section(_("Your project"), APPLICATION_FIELDS, key="project"),
        ResidentForm.sections[1],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("applicant_group") and cleaned.get("group_name"):
            self.add_error(
                "group_name",
                _(
                    "You chose a group from the list and typed a group name. Clear this box, "
                    "or choose 'My group is not listed' in the list"
                ),
            )
        return cleaned

    def person_details(self):
        details = super().person_details()
        for name in APPLICATION_FIELDS:
            details.pop(name, None)
        return details

    def application_details(self):
        """The answers that fill the ``GrantApplication``, by its field names."""
        data = self.cleaned_data
        return {
            "applicant_group": data.get("applicant_group"),
            "applicant_name": data.get("group_name", ""),
            "project": data["project"],
            "description": data["description"],
            "amount_requested": data["amount"],
        }
