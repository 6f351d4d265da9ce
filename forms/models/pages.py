"""Form pages residents fill in: joining the Customer Voice, and signing up for one thing.

Both are Wagtail form-builder pages: editors write the wording and add questions; every
submission creates or updates one person on the register (see ``forms/people.py``).
"""

import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import OperationalError, models, transaction
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.signals import page_published

from involvement_pages.links import absolute_url, request_origin
from involvement_pages.models import OpportunityPage, page_link
from involvement_pages.page_cache import NeverStoredPageMixin, places_of, shows

from .. import antispam
from ..booked_events import booked_event
from ..choices import SignUpStatus
from ..emails import (
    offer_places_on_commit,
    send_equality_withdrawn_email,
    send_submission_emails,
)
from ..forms import (
    InvolvementFormBuilder,
    InvolvementFormPageAdminForm,
    RegisterForm,
    SignUpForm,
)
from ..links import read_submission_token, submission_token
from ..people import leave_register, record_person, save_equality, withdraw_equality_consent
from ..signups import (
    CANCEL_SALT,
    SignUpsClosed,
    cancel,
    cancel_token,
    fill_places,
    places_taken,
    sign_up,
    waiting_position,
)
from .people import EqualityMonitoring
from .submissions import RegisterSubmission, SignUp

logger = logging.getLogger(__name__)
LEAVE_SALT = "involvement_forms.leave"
# Its own salt, so a leave or cancel link cannot be turned into a withdrawal link.
WITHDRAW_EQUALITY_SALT = "involvement_forms.withdraw_equality"

THANKS_SALT = "involvement_forms.thanks"
THANKS_MAX_AGE = 60 * 60 * 24


def token_parts(token):
    """A signed token as path segments: Wagtail's page URLs allow only letters, digits, - and _."""
    names = ("value", "stamp", "signature") if token.count(":") == 2 else ("value", "signature")
    return dict(zip(names, token.split(":"), strict=True))


class InvolvementFormPage(NeverStoredPageMixin, RoutablePageMixin, AbstractEmailForm):
    """What the join form and sign-up forms share: wording, privacy, emails, anti-spam."""

    intro = RichTextField(
        _("intro"),
        features=["bold", "link", "ul"],
        blank=True,
        help_text=_("Shown above the form."),
    )
    thank_you_text = RichTextField(
        _("thank you text"),
        features=["bold", "link", "ul"],
        blank=True,
        help_text=_("Shown on the confirmation page, under the confirmation."),
    )
    privacy_notice_url = models.CharField(
        _("privacy notice link"),
        max_length=300,
        help_text=_("Web address of your privacy notice, for example /privacy/ or https://..."),
    )
    contact_details = models.CharField(
        _("contact details"),
        max_length=255,
        blank=True,
        help_text=_(
            "How residents can reach the team, for example "
            "'Call 01642 000 000 or email involvement@thirteen.example'."
        ),
    )
    confirmation_email_text = models.TextField(
        _("confirmation email text"),
        blank=True,
        help_text=_("Added to the email residents get after sending the form."),
    )

    base_form_class = InvolvementFormPageAdminForm
    form_builder = InvolvementFormBuilder
    resident_form_class = SignUpForm
    landing_page_template = "involvement_forms/thanks.html"

    email_panels = [
        FieldPanel("confirmation_email_text"),
        FieldPanel("from_address"),
        # Where residents' names are sent is personal-data routing: only those who may see
        # the register choose it. Without the permission the field is left out of the form,
        # so a crafted post cannot set it either.
        FieldPanel(
            "to_address",
            heading=_("Officers' email address"),
            help_text=_(
                "We tell this address about each sign-up, cancellation and resident leaving "
                "the register. Separate addresses with commas."
            ),
            permission="involvement_forms.view_person",
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_form_class(self):
        return self.form_builder(
            self.get_form_fields(), base_form=self.resident_form_class
        ).get_form_class()

    # Routes ---------------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.serve_form(request)

    def serve_form(self, request):
        response = self.answer_form(request)
        antispam.keep_passes(request, response)
        return response

    def answer_form(self, request):
        if request.method != "POST":
            return self.render_form(request, self.get_form(page=self, user=request.user))
        form = self.get_form(request.POST, page=self, user=request.user)
        refused = antispam.screen(
            request,
            self,
            form,
            lambda form, status: self.render_form(request, form, status=status),
            _("We could not send your form. Check your answers and send it again."),
        )
        if refused is not None:
            return refused
        if form.is_valid():
            response = self.accept(request, form)
            if response is not None:
                return response
        return self.render_form(request, form)

    def render_form(self, request, form, status=200):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def accept(self, request, form):
        """Save a valid submission and send the resident on; None re-shows the form."""
        try:
            submission = self.process_form_submission(form, origin=request_origin(self, request))
        except OperationalError:
            # The database stayed busy past its wait (on SQLite, a large import holds the
            # only write lock): keep what the resident typed and ask them to send it again.
            logger.exception("Could not save a submission to %s", self.url_path)
            form.add_error(
                None,
                _(
                    "Sorry, we could not save your form just now because the system is busy. "
                    "Your answers are still here: please send the form again in a minute."
                ),
            )
            return None
        return self.render_landing_page(request, submission)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        # Post, then redirect: refreshing or going back never sends the form twice.
        token = signing.TimestampSigner(salt=THANKS_SALT).sign_object([self.pk, form_submission.pk])
        url = self.get_url(request) + self.reverse_subpage("thanks", kwargs=token_parts(token))
        return HttpResponseRedirect(url)

    @path("thanks/<str:value>/<str:stamp>/<str:signature>/", name="thanks")
    def thanks(self, request, value, stamp, signature):
        try:
            page_id, submission_id = signing.TimestampSigner(salt=THANKS_SALT).unsign_object(
                f"{value}:{stamp}:{signature}", max_age=THANKS_MAX_AGE
            )
        except (signing.BadSignature, ValueError, TypeError):
            return HttpResponseRedirect(self.get_url(request))
        submission = (
            self.get_submission_class()
            .objects.filter(pk=submission_id, page_id=self.pk)
            .select_related("person")
            .first()
        )
        if page_id != self.pk or submission is None:
            return HttpResponseRedirect(self.get_url(request))
        context = self.get_context(request)
        context.update(self.thanks_context(submission))
        return TemplateResponse(request, self.landing_page_template, context)

    def thanks_context(self, submission):
        return {"form_submission": submission}

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            context = self.get_context(request)
            context.update(self.thanks_context(None))
            return TemplateResponse(request, self.landing_page_template, context)
        return self.serve_form(request)

    # Saving ---------------------------------------------------------------------------

    def process_form_submission(self, form, origin=None):
        """Save the submission; ``origin``: the scheme and host the resident used, for the
        links in their email."""
        with transaction.atomic():
            person, new_person = record_person(form.person_details())
            self.save_private_answers(person, form)
            submission, created = self.save_submission(
                person, form.extra_answers(), new_person=new_person
            )
            if created:
                self.send_emails_on_commit(submission, origin)
        return submission

    def linked_submission(self, request, value, signature, salt):
        """(submission, context) for a link from a resident's email; (None, the "link does
        not work" page) when it names nothing here."""
        submission_id = read_submission_token(f"{value}:{signature}", self, salt)
        submission = (
            self.get_submission_class()
            .objects.filter(pk=submission_id, page=self)
            .select_related("person")
            .first()
        )
        context = self.get_context(request)
        if submission is None:
            status = 404 if submission_id else 400
            bad_link = "involvement_forms/bad_link.html"
            return None, TemplateResponse(request, bad_link, context, status=status)
        return submission, context

    def link_url(self, route, submission, salt, origin=None):
        """The full address of a link from an email to one of this page's routes; ``origin``
        as for ``links.absolute_url``."""
        token = submission_token(submission, salt)
        page_url = absolute_url(self, origin=origin)
        return page_url + self.reverse_subpage(route, kwargs=token_parts(token))

    def leave_url(self, submission, origin=None):
        return self.link_url("leave", submission, LEAVE_SALT, origin)

    @path("leave/<str:value>/<str:signature>/", name="leave")
    def leave_route(self, request, value, signature):
        """A resident leaves the register from the link in an email about this form."""
        submission, context = self.linked_submission(request, value, signature, LEAVE_SALT)
        if submission is None:
            return context
        person = submission.person
        # Any later join or sign-up makes them active again (record_person).
        context.update(person=person, join_again=self.email_kind == "register")
        if request.method == "POST" and person.is_active:
            with transaction.atomic():
                leave_register(person)
                origin = request_origin(self, request)
                transaction.on_commit(
                    lambda: send_submission_emails.enqueue(
                        self.email_kind, submission.pk, resident=False, left=True, origin=origin
                    )
                )
            context["just_left"] = True
        template = "left.html" if context.get("just_left") or not person.is_active else "leave.html"
        return TemplateResponse(request, f"involvement_forms/{template}", context)

    def withdraw_equality_url(self, submission, origin=None):
        return self.link_url("withdraw_equality", submission, WITHDRAW_EQUALITY_SALT, origin)

    @path("equality/withdraw/<str:value>/<str:signature>/", name="withdraw_equality")
    def withdraw_equality_route(self, request, value, signature):
        """A resident withdraws consent for their equality answers from the link in an email.

        Only a POST deletes: a GET (a mail scanner following links) just asks."""
        submission, context = self.linked_submission(
            request, value, signature, WITHDRAW_EQUALITY_SALT
        )
        if submission is None:
            return context
        person = submission.person
        if request.method == "POST":
            with transaction.atomic():
                withdrawn = withdraw_equality_consent(person)
                if withdrawn:
                    origin = request_origin(self, request)
                    transaction.on_commit(
                        lambda: send_equality_withdrawn_email.enqueue(
                            self.pk, person.pk, origin=origin
                        )
                    )
            context.update(just_withdrawn=withdrawn)
            return TemplateResponse(request, "involvement_forms/equality_withdrawn.html", context)
        template = (
            "withdraw_equality.html"
            if EqualityMonitoring.objects.filter(person=person).exists()
            else "equality_withdrawn.html"
        )
        return TemplateResponse(request, f"involvement_forms/{template}", context)

    def save_private_answers(self, person, form):
        """Answers kept apart from the submission (equality monitoring); none by default."""

    def save_submission(self, person, answers, *, new_person=False):
        raise NotImplementedError

    def send_emails_on_commit(self, submission, origin=None):
        transaction.on_commit(
            lambda: send_submission_emails.enqueue(self.email_kind, submission.pk, origin=origin)
        )

    # Wording --------------------------------------------------------------------------

    def get_data_fields(self):
        fields = super().get_data_fields()
        return [
            fields[0],
            ("person_name", _("Name")),
            ("person_contact", _("Email or phone")),
            *fields[1:],
        ]

    def event_details(self):
        return ""


class RegisterFormPage(InvolvementFormPage):
    """The "Join the Customer Voice" form: a resident joins the involvement register."""

    page_ptr = page_link("involvement_register_form_page")

    ask_equality_questions = models.BooleanField(
        _("ask equality questions"),
        default=True,
        help_text=_("Show the optional equality monitoring questions at the end of the form."),
    )

    resident_form_class = RegisterForm
    email_kind = "register"
    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Extra questions"), heading=_("Extra questions")),
        FieldPanel("ask_equality_questions"),
        FieldPanel("privacy_notice_url"),
        FieldPanel("thank_you_text"),
        FieldPanel("contact_details"),
        *InvolvementFormPage.email_panels,
    ]

    class Meta:
        verbose_name = _("join the register form")

    def get_form_parameters(self):
        return {"ask_equality": self.ask_equality_questions}

    def get_submission_class(self):
        return RegisterSubmission

    def save_private_answers(self, person, form):
        if form.consent is not None:
            save_equality(person, form.equality_answers(), form.consent.version)

    def save_submission(self, person, answers, *, new_person=False):
        if new_person:
            entry = RegisterSubmission.objects.create(page=self, person=person, form_data=answers)
            return entry, True
        submission, created = RegisterSubmission.objects.get_or_create(
            page=self, person=person, defaults={"form_data": answers}
        )
        if not created:
            submission.form_data = {**submission.form_data, **answers}
            submission.save(update_fields=["form_data", "updated_at"])
        return submission, created


class SignUpFormPage(InvolvementFormPage):
    """Sign up for one opportunity or event, with a set number of places and a waiting list."""

    page_ptr = page_link("involvement_sign_up_form_page")

    when = models.CharField(
        _("when"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example 'Tuesday 9 March 2027, 10am to 12pm'. Leave empty if an event in "
            "the calendar takes bookings with this form: the form shows the event's dates."
        ),
    )
    where = models.CharField(
        _("where"),
        max_length=255,
        blank=True,
        help_text=_(
            "The venue and its address, or 'Online'. Leave empty if an event in the "
            "calendar takes bookings with this form: the form shows the event's place."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        help_text=_("Leave blank if there is no limit."),
    )
    waiting_list = models.BooleanField(
        _("keep a waiting list"),
        default=True,
        help_text=_(
            "When every place is taken, let residents join a waiting list. When someone "
            "cancels, the first person waiting gets their place and an email."
        ),
    )

    resident_form_class = SignUpForm
    email_kind = "signup"
    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("when"),
                FieldPanel("where"),
                FieldPanel("capacity"),
                FieldPanel("waiting_list"),
            ],
            heading=_("When, where and how many"),
        ),
        InlinePanel("form_fields", label=_("Extra questions"), heading=_("Extra questions")),
        FieldPanel("privacy_notice_url"),
        FieldPanel("thank_you_text"),
        FieldPanel("contact_details"),
        *InvolvementFormPage.email_panels,
    ]

    class Meta:
        verbose_name = _("sign-up form")

    def get_submission_class(self):
        return SignUp

    @cached_property
    def places_left(self):
        if self.capacity is None:
            return None
        shows(places_of(self.pk))
        return max(0, self.capacity - places_taken(self))

    @property
    def is_full(self):
        return self.places_left == 0

    @property
    def accepting(self):
        return not self.is_full or self.waiting_list

    @cached_property
    def booked_event(self):
        """The calendar event that takes bookings with this form, if one does."""
        return booked_event(self)

    def clean(self):
        super().clean()
        event = booked_event(self)  # afresh: an event may have chosen this form since
        if event is None:
            return
        # A second copy of the date or place would go stale when the event changes.
        message = _(
            "Leave this empty: the event “%(title)s” takes bookings with this form, so the "
            "form shows the event's own dates and place."
        ) % {"title": event.title}
        errors = {name: message for name in ("when", "where") if getattr(self, name).strip()}
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["opportunity"] = self.opportunity()
        context["event"] = self.booked_event
        return context

    def opportunity(self):
        """The live opportunity page that links here, if any, for the way back."""

        return OpportunityPage.objects.live().public().filter(sign_up_page=self).first()

    def accept(self, request, form):

        try:
            return super().accept(request, form)
        except SignUpsClosed:
            form.add_error(None, _("Sorry, the last place has just been taken."))
            self.__dict__.pop("places_left", None)
            return None

    def save_submission(self, person, answers, *, new_person=False):
        return sign_up(self, person, answers, new_person=new_person)

    def thanks_context(self, submission):

        context = {"form_submission": submission}
        if submission is not None:
            context["cancel_url"] = self.reverse_subpage(
                "cancel", kwargs=token_parts(cancel_token(submission))
            )
            if submission.status == SignUpStatus.WAITING:
                context["waiting_position"] = waiting_position(submission)
        return context

    def cancel_url(self, signup, origin=None):
        return self.link_url("cancel", signup, CANCEL_SALT, origin)

    def event_details(self):
        if self.booked_event is not None:
            return self.booked_event.as_text()
        return "\n".join(part for part in (self.when, self.where) if part)

    @path("cancel/<str:value>/<str:signature>/", name="cancel")
    def cancel_route(self, request, value, signature):
        signup, context = self.linked_submission(request, value, signature, CANCEL_SALT)
        if signup is None:
            return context
        context["sign_up"] = signup
        if request.method == "POST" and signup.status != SignUpStatus.CANCELLED:
            origin = request_origin(self, request)
            with transaction.atomic():
                signup, promoted = cancel(self, signup.pk)
                transaction.on_commit(
                    lambda: send_submission_emails.enqueue(
                        "signup", signup.pk, resident=False, origin=origin
                    )
                )
                offer_places_on_commit(promoted, origin)
            context.update(sign_up=signup, just_cancelled=True)
            return TemplateResponse(request, "involvement_forms/cancelled.html", context)
        template = (
            "involvement_forms/cancelled.html"
            if signup.status == SignUpStatus.CANCELLED
            else "involvement_forms/cancel.html"
        )
        return TemplateResponse(request, template, context)


class RegisterFormField(AbstractFormField):
    page = ParentalKey(
        RegisterFormPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="form_fields",
    )


@receiver(page_published, sender=SignUpFormPage)
def give_added_places(sender, instance, **kwargs):
    """An editor who adds places, or removes the limit, moves the waiting list up.

    The emails' links come from the site's configured address, not the editor's request:
    the admin may be on a host residents do not use."""

    offer_places_on_commit(fill_places(instance))


class SignUpFormField(AbstractFormField):
    page = ParentalKey(
        SignUpFormPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="form_fields"
    )
