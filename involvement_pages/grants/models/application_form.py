"""The online grant application form: it records a ``GrantApplication``, not a sign-up.

It is a Wagtail form-builder page like the sign-up forms (the same wording, privacy,
anti-spam and error summary) that sits under its fund's "Apply for funding" page. What the
resident sends becomes an application with the status "received", in the fund's open year
or round, linked to the group chosen and to the person on the register, so officers see it
in the applications list and never re-key it. Editors' extra questions are kept with the
form's own record of the submission.
"""

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField

from forms.models.pages import InvolvementFormPage
from forms.models.submissions import PersonSubmission
from forms.people import record_person
from involvement_pages.models import page_link

from ..forms import GrantApplicationForm
from .funds import ApplicationStatus, GrantApplication


class ApplicationsClosed(Exception):
    """The fund stopped taking applications between showing the form and sending it."""


class GrantApplicationFormPage(InvolvementFormPage):
    """The form residents fill in to apply to the fund of the "Apply for funding" page above."""

    page_ptr = page_link("involvement_grant_application_form_page")

    resident_form_class = GrantApplicationForm
    email_kind = "grant_application"
    template = "involvement_grants/grant_application_form_page.html"
    landing_page_template = "involvement_grants/application_received.html"
    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Extra questions"), heading=_("Extra questions")),
        FieldPanel("privacy_notice_url"),
        FieldPanel("thank_you_text"),
        FieldPanel("contact_details"),
    ]
    parent_page_types = ["involvement_grants.ApplyForFundingPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("grant application form")

    def get_submission_class(self):
        return GrantApplicationSubmission

    @cached_property
    def fund(self):
        """The fund of the "Apply for funding" page this form sits under."""
        parent = self.get_parent()
        return getattr(parent.specific, "fund", None) if parent else None

    def open_round(self):
        return self.fund.open_round() if self.fund else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(fund=self.fund, open_round=self.open_round())
        return context

    def accept(self, request, form):
        try:
            return super().accept(request, form)
        except ApplicationsClosed:
            form.add_error(
                None,
                _(
                    "Sorry, this fund has just stopped taking applications, so your "
                    "application was not sent. Your answers are still here."
                ),
            )
            return None

    def process_form_submission(self, form, origin=None):
        grant_round = self.open_round()
        if grant_round is None:
            raise ApplicationsClosed
        with transaction.atomic():
            person, _new = record_person(form.person_details())
            application = GrantApplication.objects.create(
                fund=self.fund,
                round=grant_round,
                received_on=timezone.localdate(),
                applicant_person=person,
                status=ApplicationStatus.RECEIVED,
                **form.application_details(),
            )
            return GrantApplicationSubmission.objects.create(
                page=self, person=person, application=application, form_data=form.extra_answers()
            )

    def send_emails_on_commit(self, submission, origin=None):
        """No emails yet: the application waits in the officers' applications list."""


class GrantApplicationFormField(AbstractFormField):
    page = ParentalKey(
        GrantApplicationFormPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="form_fields",
    )


class GrantApplicationSubmission(PersonSubmission):
    """What the online form received: the application it made and any extra answers."""

    person = models.ForeignKey(
        "involvement_forms.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="grant_application_forms",
    )
    application = models.OneToOneField(
        GrantApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="online_form",
    )

    class Meta(PersonSubmission.Meta):
        verbose_name = _("online grant application")
