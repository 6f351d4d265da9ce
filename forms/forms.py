"""The questions residents answer: the register's own, then any an editor adds.

The register's questions are fixed in code because each one fills a column of
:class:`~forms.models.Person`; editors add their own questions through Wagtail's form
builder, and those answers are kept with the submission.
"""

from dataclasses import dataclass

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm
from wagtail.contrib.forms.utils import get_field_clean_name

from involvement_pages.snippets import Area, Landlord, ServiceArea

from .choices import (
    AgeBand,
    ContactMethod,
    Disability,
    Ethnicity,
    Gender,
    HowHeard,
    Religion,
    SexualOrientation,
    Tenure,
)
from .fields import EmailField, PhoneField, PostcodeField, TextField, too_long
from .models.people import (
    Availability,
    CommunicationNeed,
    EqualityMonitoring,
    SupportNeed,
    WayToTakePart,
)
from .site_settings import EqualityConsent
from .widget_rendering import ResidentFormRenderer

HONEYPOT_FIELD = "more_details"
EQUALITY_FIELDS = EqualityMonitoring.ANSWER_FIELDS


@dataclass(frozen=True)
class Section:
    """A group of questions under one heading."""

    heading: str
    fields: tuple
    hint: str = ""
    why: str = ""
    key: str = ""


def _choice(model, label, **kwargs):
    return forms.ModelMultipleChoiceField(
        model.objects.all(),
        label=label,
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def _radios(choices, label, *, required=False, **kwargs):
    return forms.ChoiceField(
        choices=list(choices),
        label=label,
        required=required,
        widget=forms.RadioSelect,
        **kwargs,
    )


class ResidentForm(BaseForm):
    """Name, contact details and support needs: what every form asks."""

    # GOV.UK pattern: the server's plain-English messages, not the browser's pop-ups.
    use_required_attribute = False
    extra_after = "support"
    default_renderer = ResidentFormRenderer

    name = TextField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name"), **too_long(_("Full name"), 200)},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("We will send a confirmation to this address."),
        error_messages=too_long(_("Email address"), 254),
    )
    phone = PhoneField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        help_text=_("If you have no email address, or would rather we phoned."),
        error_messages=too_long(_("Phone number"), 30),
    )
    communication_needs = _choice(
        CommunicationNeed,
        _("Do you need information in another way?"),
        help_text=_("Tick all that apply. We ask so that we can send you information you can use."),
    )
    language = TextField(
        label=_("If you need another language, which one?"),
        required=False,
        max_length=100,
        error_messages=too_long(_("Language"), 100),
    )
    support_needs = _choice(
        SupportNeed,
        _("Do you need any help to take part?"),
        help_text=_("Tick all that apply. We ask so that you are not left out or out of pocket."),
    )
    other_needs = TextField(
        label=_("Anything else we should know? (optional)"),
        required=False,
        multiline=True,
        max_length=1000,
        help_text=_("For example, a carer who comes with you or a time of day that suits you."),
        error_messages=too_long(_("This answer"), 1000),
    )
    # Bots fill every box; people never see this one (see the template and the CSS).
    more_details = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    sections = (
        Section(_("Your name and how to contact you"), ("name", "email", "phone"), key="contact"),
        Section(
            _("Support you need"),
            ("communication_needs", "language", "support_needs", "other_needs"),
            key="support",
        ),
    )
    extra_section = Section(_("A few more questions"), (), key="extra")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_names = set(self.base_fields_order())

    @classmethod
    def base_fields_order(cls):
        return [name for section in cls.sections for name in section.fields] + [HONEYPOT_FIELD]

    @classmethod
    def reserved_names(cls):
        """Names an editor's question may not take, or it would replace one of ours."""
        names = {"submit_time", "person_name", "person_contact", "equality_consent"}
        return names | set(cls.base_fields_order()) | set(cls.base_fields)

    def extra_field_names(self):
        return [name for name in self.fields if name not in self.base_fields_order()]

    def layout(self):
        """Sections in order, each with its bound fields, the editors' questions included."""
        result = []
        for section in self.sections:
            if section.key == "extra":
                continue
            result.append((section, [self[name] for name in section.fields]))
            if section.key == self.extra_after:
                extra = [self[name] for name in self.extra_field_names()]
                if extra:
                    result.append((self.extra_section, extra))
        return result

    def private_names(self):
        """Answers never written to logs or to the submission's JSON."""
        return {*EQUALITY_FIELDS, "equality_consent"}

    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned = super().clean()
        no_contact = not cleaned.get("email") and not cleaned.get("phone")
        if no_contact and "email" not in self.errors and "phone" not in self.errors:
            self.add_error(
                "email", _("Enter an email address or a phone number so we can reach you")
            )
        return cleaned

    def person_details(self):
        """The answers that belong on the register, by Person field name."""
        data = self.cleaned_data
        details = {name: data[name] for name in self.fixed_names if name in data}
        details.pop(HONEYPOT_FIELD, None)
        for name in (*EQUALITY_FIELDS, "equality_consent"):
            details.pop(name, None)
        return details

    def extra_answers(self):
        """The editors' questions' answers, which go in the submission's ``form_data``."""
        return {name: self.cleaned_data.get(name) for name in self.extra_field_names()}

    def error_list(self):
        """(field id, message) pairs for the error summary, in the order of the page."""
        items = []
        order = [n for _, fields in self.layout() for n in (f.name for f in fields)]
        order += [n for n in (*EQUALITY_FIELDS, "equality_consent") if n in self.fields]
        for message in self.non_field_errors():
            items.append(("", message))
        for name in order:
            for message in self.errors.get(name, []):
                items.append((self.anchor_for(name), message))
        return items

    def anchor_for(self, name):
        field = self[name]
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{field.auto_id}_0"
        return field.auto_id


class SignUpForm(ResidentForm):
    """The few details a sign-up for one opportunity or event needs."""


class RegisterForm(ResidentForm):
    """Joining the Customer Voice: the register's questions, equality monitoring optional."""

    address = TextField(
        label=_("Address"),
        required=False,
        multiline=True,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=_("Only if you would like letters from us."),
        error_messages=too_long(_("Address"), 300),
    )
    postcode = PostcodeField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        error_messages=too_long(_("Postcode"), 10),
    )
    contact_method = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=ContactMethod.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    tenure = _radios(
        Tenure.choices,
        _("Which of these best describes you?"),
        required=True,
        help_text=_("We ask because some groups are for tenants or leaseholders only."),
        error_messages={"required": _("Choose the answer that best describes you")},
    )
    landlord = forms.ModelChoiceField(
        Landlord.objects.all(),
        label=_("Who is your landlord?"),
        required=False,
        to_field_name="slug",
        empty_label=_("I am not sure"),
        blank=True,
        widget=forms.RadioSelect,
    )
    area = forms.ModelChoiceField(
        Area.objects.all(),
        label=_("Where do you live?"),
        required=False,
        to_field_name="slug",
        empty_label=_("Choose an area"),
        widget=forms.Select,
    )
    interests = _choice(
        ServiceArea,
        _("What would you like to have a say on?"),
        help_text=_("Tick all that interest you."),
    )
    ways_to_take_part = _choice(WayToTakePart, _("How would you like to take part?"))
    availability = _choice(Availability, _("When can you usually take part?"))
    skills = TextField(
        label=_("Skills or experience you would like to use (optional)"),
        required=False,
        multiline=True,
        max_length=1000,
        help_text=_("For example, reading reports, organising events, speaking another language."),
        error_messages=too_long(_("Skills"), 1000),
    )
    how_heard = forms.ChoiceField(
        label=_("How did you hear about the Customer Voice? (optional)"),
        choices=[("", _("Choose an answer")), *HowHeard.choices],
        required=False,
    )

    age_band = _radios(
        AgeBand.choices,
        _("What is your age?"),
        help_text=_("We ask to check that younger and older residents are both heard."),
    )
    gender = _radios(
        Gender.choices,
        _("Which of these describes your gender?"),
        help_text=_("We ask to check that people of every gender take part."),
    )
    ethnicity = forms.ChoiceField(
        label=_("What is your ethnic group?"),
        choices=[("", _("Choose an answer")), *Ethnicity.choices],
        required=False,
        help_text=_("We ask to find the communities we are not hearing from yet."),
    )
    disability = _radios(
        Disability.choices,
        _(
            "Do you have a physical or mental health condition or illness lasting or expected "
            "to last 12 months or more?"
        ),
        help_text=_("We ask to check that disabled residents can take part, and do."),
    )
    sexual_orientation = _radios(
        SexualOrientation.choices,
        _("Which of these best describes your sexual orientation?"),
        help_text=_(
            "We ask to check that lesbian, gay and bisexual residents feel able to join in."
        ),
    )
    religion = _radios(
        Religion.choices,
        _("What is your religion?"),
        help_text=_("We ask to check that people of every faith, and none, take part."),
    )
    equality_consent = forms.BooleanField(required=False, label="")

    sections = (
        Section(
            _("Your name and how to contact you"),
            ("name", "email", "phone", "contact_method"),
            key="contact",
        ),
        Section(
            _("Your home"),
            ("address", "postcode", "tenure", "landlord", "area"),
            why=_("We ask so that we can tell you about things happening near you."),
            key="home",
        ),
        Section(
            _("What you would like to do"),
            ("interests", "ways_to_take_part", "availability", "skills"),
            key="interests",
        ),
        ResidentForm.sections[1],
        Section(_("One last thing"), ("how_heard",), key="last"),
    )
    equality_section = Section(
        _("Equality monitoring (optional)"),
        EQUALITY_FIELDS,
        hint=_("You can answer any, all or none of these questions."),
        why=_(
            "We ask to check that people from every part of our community can take part, "
            "and to find the groups we do not hear from yet."
        ),
        key="equality",
    )

    def __init__(self, *args, ask_equality=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.ask_equality = ask_equality
        if not ask_equality:
            for name in (*EQUALITY_FIELDS, "equality_consent"):
                del self.fields[name]
        # The wording this form shows is the wording whose version the answers record.
        self.consent = EqualityConsent.for_page(self.page) if ask_equality else None
        if ask_equality:
            self.fields["equality_consent"].label = self.consent.text

    @classmethod
    def base_fields_order(cls):
        return [*super().base_fields_order(), *EQUALITY_FIELDS, "equality_consent"]

    def equality_fields(self):
        return [self[name] for name in EQUALITY_FIELDS] if self.ask_equality else []

    def equality_open(self):
        """Show the equality questions open when they hold answers or errors."""
        if not self.ask_equality or not self.is_bound:
            return False
        names = (*EQUALITY_FIELDS, "equality_consent")
        return any(self.data.get(n) for n in names) or any(n in self.errors for n in names)

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        needs = {
            ContactMethod.EMAIL: ("email", _("Enter your email address, or choose another way")),
            ContactMethod.PHONE: ("phone", _("Enter your phone number, or choose another way")),
            ContactMethod.TEXT: ("phone", _("Enter your mobile number, or choose another way")),
            ContactMethod.POST: ("address", _("Enter your address, or choose another way")),
        }
        if method in needs:
            field, message = needs[method]
            if not cleaned.get(field) and field not in self.errors:
                self.add_error(field, message)
        if self.ask_equality and self.equality_answers() and not cleaned.get("equality_consent"):
            self.add_error(
                "equality_consent",
                _(
                    "Tick the box to agree that we can keep your equality answers, "
                    "or leave those questions blank"
                ),
            )
        return cleaned

    def equality_answers(self):
        """The equality answers given, or an empty dict when none were."""
        if not self.ask_equality:
            return {}
        answers = {n: self.cleaned_data.get(n, "") for n in EQUALITY_FIELDS}
        return answers if any(answers.values()) else {}


class InvolvementFormBuilder(FormBuilder):
    """Wagtail's form builder on top of one of our forms, with plain-English messages."""

    def __init__(self, fields, base_form=ResidentForm):
        super().__init__(fields)
        self.base_form = base_form

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.required:
            options["error_messages"] = {
                "required": format_lazy(_("Answer the question: {label}"), label=field.label)
            }
        return options

    def create_singleline_field(self, field, options):
        return TextField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        return TextField(multiline=True, max_length=5000, **options)

    def create_date_field(self, field, options):
        options.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        return forms.DateField(**options)

    @property
    def formfields(self):
        reserved = self.base_form.reserved_names()
        # A clash is refused when the page is saved; skipping here keeps an older page working.
        return {k: v for k, v in super().formfields.items() if k not in reserved}

    def get_form_class(self):
        return type("WagtailForm", (self.base_form,), self.formfields)


class InvolvementFormPageAdminForm(WagtailAdminFormPageForm):
    """Refuses an editor's question that would take the name of one of the register's."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("form_fields")
        resident_form = getattr(self.instance, "resident_form_class", ResidentForm)
        if formset is None:
            return cleaned
        reserved = resident_form.reserved_names()
        for form in formset.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            label = form.cleaned_data.get("label", "")
            name = form.instance.clean_name or get_field_clean_name(label)
            if name in reserved:
                form.add_error(
                    "label",
                    _("The form already asks this question. Give your question a different label."),
                )
        return cleaned
