"""The questions a consultation asks: the editor's own, then, only if asked, a name and contact.

Answers are anonymous unless the editor ticks "ask for name and contact details"; even then
both boxes stay optional, so no one has to say who they are to give a view.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm

from forms.fields import TextField, too_long
from forms.forms import HONEYPOT_FIELD, InvolvementFormBuilder, Section

CONTACT_FIELDS = ("respondent_name", "respondent_contact")
MULTILINE_LIMIT = 5000
SINGLELINE_LIMIT = 255


class ConsultationForm(BaseForm):
    """The editor's questions, the optional name and contact, and the hidden box bots fill."""

    # GOV.UK pattern: the server's plain-English messages, not the browser's pop-ups.
    use_required_attribute = False

    respondent_name = TextField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        error_messages=too_long(_("Your name"), 200),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    respondent_contact = TextField(
        label=_("Email address or phone number (optional)"),
        required=False,
        max_length=254,
        error_messages=too_long(_("Email address or phone number"), 254),
        widget=forms.TextInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    more_details = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asks_contact = bool(self.page and self.page.ask_for_contact)
        if not self.asks_contact:
            for name in CONTACT_FIELDS:
                del self.fields[name]

    @classmethod
    def reserved_names(cls):
        """Names an editor's question may not take, or it would replace one of ours."""
        return {"submit_time", *CONTACT_FIELDS, HONEYPOT_FIELD}

    def question_names(self):
        reserved = self.reserved_names()
        return [name for name in self.fields if name not in reserved]

    def layout(self):
        """Sections in order, each with its bound fields, for the shared form templates."""
        result = [
            (
                Section(_("Your views"), (), key="views"),
                [self[name] for name in self.question_names()],
            )
        ]
        if self.asks_contact:
            why = self.page.contact_reason or _(
                "Only if you would like us to reply to you. You can leave these empty."
            )
            result.append(
                (
                    Section(_("Your name and contact details (optional)"), (), why=why, key="you"),
                    [self[name] for name in CONTACT_FIELDS],
                )
            )
        return result

    def private_names(self):
        """Answers never written to the logs (see ``antispam.log_honeypot``)."""
        return set(CONTACT_FIELDS)

    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def answers(self):
        """The editor's questions' answers, for the response's ``form_data``."""
        return {name: self.cleaned_data.get(name) for name in self.question_names()}

    def respondent(self):
        """(name, contact) as given; both empty unless the page asks for them."""
        if not self.asks_contact:
            return "", ""
        return tuple(self.cleaned_data.get(name, "") for name in CONTACT_FIELDS)

    def error_list(self):
        """(field id, message) pairs for the error summary, in the order of the page."""
        items = [("", message) for message in self.non_field_errors()]
        for _section, fields in self.layout():
            for field in fields:
                items += [(self.anchor_for(field), message) for message in field.errors]
        return items

    @staticmethod
    def anchor_for(field):
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{field.auto_id}_0"
        return field.auto_id


class ConsultationFormBuilder(InvolvementFormBuilder):
    """The form builder with a limit on long answers that says so in plain English."""

    def __init__(self, fields):
        super().__init__(fields, base_form=ConsultationForm)

    def create_singleline_field(self, field, options):
        options["error_messages"] = {
            **options.get("error_messages", {}),
            **too_long(field.label, SINGLELINE_LIMIT),
        }
        return TextField(max_length=SINGLELINE_LIMIT, **options)

    def create_multiline_field(self, field, options):
        options["error_messages"] = {
            **options.get("error_messages", {}),
            **too_long(field.label, MULTILINE_LIMIT),
        }
        return TextField(multiline=True, max_length=MULTILINE_LIMIT, **options)
