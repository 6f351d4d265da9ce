"""Consultations and surveys: the "giving views" rung of the ladder.

A consultation is a Wagtail form-builder page that opens and closes on set dates. Answers are
anonymous unless the editor asks for a name and contact; a response keeps no address, user
or cookie. Once it has closed, the page says what was done with the views.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import OperationalError, models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from forms import antispam
from forms.forms import InvolvementFormPageAdminForm
from involvement_pages.formats import govuk_date, govuk_time
from involvement_pages.models import page_link
from involvement_pages.page_cache import CachedPageMixin, NeverStoredPageMixin
from involvement_pages.snippets import Landlord, ServiceArea

from .forms import ConsultationForm, ConsultationFormBuilder

logger = logging.getLogger(__name__)

RICH_FEATURES = ["bold", "link", "ul", "ol"]


def when(moment):
    local = timezone.localtime(moment)
    return gettext("%(date)s at %(time)s") % {
        "date": govuk_date(local),
        "time": govuk_time(local),
    }


class Window(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ConsultationIndexPage(CachedPageMixin, Page):
    """ "Have your say": the consultations open now, those coming up, and what earlier ones
    led to."""

    page_ptr = page_link("involvement_consultation_index_page")

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["involvement_consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("consultations list ('Have your say')")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        consultations = (
            ConsultationPage.objects.child_of(self)
            .live()
            .public()
            .select_related("service_area", "landlord")
            .order_by("closes_at", "pk")
        )
        groups = {window: [] for window in Window.values}
        for consultation in consultations:
            groups[consultation.window(now)].append(consultation)
        context.update(
            open_consultations=groups[Window.OPEN],
            upcoming_consultations=groups[Window.UPCOMING],
            # Most recently closed first: what residents most likely came to check on.
            closed_consultations=groups[Window.CLOSED][::-1],
        )
        return context


class ConsultationPage(NeverStoredPageMixin, RoutablePageMixin, AbstractForm):
    """One consultation or survey: what it is about, its questions, when it is open, and
    afterwards what was done with the views."""

    page_ptr = page_link("involvement_consultation_page")

    intro = RichTextField(
        _("what it is about"),
        features=RICH_FEATURES,
        blank=True,
        help_text=_("Shown above the questions: what we are asking and why."),
    )
    what_we_will_do = RichTextField(
        _("what we will do with your views"),
        features=RICH_FEATURES,
        blank=True,
        help_text=_("Who will read the answers, what they will decide, and when."),
    )
    service_area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty if the consultation is for every landlord in the group."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    ask_for_contact = models.BooleanField(
        _("ask for name and contact details"),
        default=False,
        help_text=_(
            "Answers are anonymous unless you tick this. Even then, residents may leave "
            "their name and contact details empty."
        ),
    )
    contact_reason = models.CharField(
        _("why we ask for contact details"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown beside the optional name and contact boxes, for example 'If you would "
            "like us to tell you what happens next.'"
        ),
    )
    privacy_notice_url = models.CharField(
        _("privacy notice link"),
        max_length=300,
        blank=True,
        help_text=_("Web address of your privacy notice, for example /privacy/."),
    )
    thank_you_text = RichTextField(
        _("thank you text"),
        features=RICH_FEATURES,
        blank=True,
        help_text=_("Shown after someone sends their answers."),
    )
    outcome_summary = RichTextField(
        _("what we did with your views"),
        features=RICH_FEATURES,
        blank=True,
        help_text=_("Shown once the consultation has closed: what changed because of it."),
    )
    outcome_url = models.URLField(
        _("link to the full results or outcome"),
        blank=True,
        help_text=_("For example a 'You said, we did' page or a report."),
    )

    base_form_class = InvolvementFormPageAdminForm
    form_builder = ConsultationFormBuilder
    resident_form_class = ConsultationForm  # read by the admin form for reserved names
    landing_page_template = "involvement_consultations/thanks.html"

    content_panels = [
        *AbstractForm.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("When it is open"),
        ),
        FieldPanel("intro"),
        FieldPanel("what_we_will_do"),
        MultiFieldPanel(
            [FieldPanel("service_area"), FieldPanel("landlord")], heading=_("What it is about")
        ),
        InlinePanel("form_fields", label=_("Questions"), heading=_("Questions")),
        MultiFieldPanel(
            [FieldPanel("ask_for_contact"), FieldPanel("contact_reason")],
            heading=_("Name and contact details"),
        ),
        FieldPanel("privacy_notice_url"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("outcome_summary"), FieldPanel("outcome_url")],
            heading=_("After it closes"),
        ),
    ]
    search_fields = [
        *AbstractForm.search_fields,
        index.SearchField("intro"),
        index.SearchField("outcome_summary"),
    ]
    parent_page_types = ["involvement_consultations.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation or survey")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing date must be after it opens.")})

    # Window ----------------------------------------------------------------------------

    def window(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return Window.UPCOMING
        if now >= self.closes_at:
            return Window.CLOSED
        return Window.OPEN

    @property
    def is_open(self):
        return self.window() == Window.OPEN

    def opens_on(self):
        """'Monday 4 January 2027 at 9am', in the site's time zone."""
        return when(self.opens_at)

    def closes_on(self):
        return when(self.closes_at)

    # Form ------------------------------------------------------------------------------

    def get_form_class(self):
        return self.form_builder(self.get_form_fields()).get_form_class()

    def get_submission_class(self):
        return ConsultationResponse

    def get_data_fields(self):
        fields = super().get_data_fields()
        if self.ask_for_contact:
            fields += [
                ("respondent_name", _("Name")),
                ("respondent_contact", _("Email or phone")),
            ]
        return fields

    def process_form_submission(self, form):
        name, contact = form.respondent()
        return ConsultationResponse.objects.create(
            page=self, form_data=form.answers(), respondent_name=name, respondent_contact=contact
        )

    # Routes ----------------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = self.answer(request)
        antispam.keep_passes(request, response)
        return response

    def answer(self, request):
        window = self.window()
        if request.method != "POST":
            form = self.get_form(page=self, user=request.user) if window == Window.OPEN else None
            return self.render_page(request, form)
        if window != Window.OPEN:
            # A form kept open in a tab past the closing time, or a post made up by hand:
            # refused with the same page that says when it opens or closed.
            return self.render_page(request, None, status=403, refused=True)
        form = self.get_form(request.POST, page=self, user=request.user)
        refused = antispam.screen(
            request,
            self,
            form,
            lambda form, status: self.render_page(request, form, status=status),
            _("We could not send your answers. Check them and send them again."),
        )
        if refused is not None:
            return refused
        if not form.is_valid():
            return self.render_page(request, form)
        try:
            self.process_form_submission(form)
        except OperationalError:
            logger.exception("Could not save a response to %s", self.url_path)
            form.add_error(
                None,
                _(
                    "Sorry, we could not save your answers just now because the system is "
                    "busy. Your answers are still here: please send them again in a minute."
                ),
            )
            return self.render_page(request, form)
        # Post, then redirect: refreshing the thank-you page never sends the answers twice.
        return HttpResponseRedirect(self.get_url(request) + self.reverse_subpage("thanks"))

    def render_page(self, request, form, status=200, refused=False):
        context = self.get_context(request)
        context.update(form=form, window=self.window(), refused=refused)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        # Nothing about the answers is shown, so the page needs no token to find them.
        return TemplateResponse(request, self.landing_page_template, self.get_context(request))

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.thanks(request)
        return self.index_route(request)


class ConsultationFormField(AbstractFormField):
    page = ParentalKey(
        ConsultationPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="form_fields",
    )

    def save(self, *args, **kwargs):
        # One option a line, with the line ends a browser sends: Wagtail 7.0 splits the
        # options at "\r\n" only, so options written anywhere else (the demo, a script)
        # would be one long option there.
        if "\n" in self.choices:
            self.choices = "\r\n".join(self.choices.splitlines())
        super().save(*args, **kwargs)


class ConsultationResponse(AbstractFormSubmission):
    """One set of answers. No address, user or cookie is kept; a name and contact only when
    the page asked for them and the resident chose to give them."""

    respondent_name = models.CharField(_("name"), max_length=200, blank=True)
    respondent_contact = models.CharField(_("email or phone"), max_length=254, blank=True)

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")

    def get_data(self):
        data = super().get_data()
        data.update(
            respondent_name=self.respondent_name, respondent_contact=self.respondent_contact
        )
        return data
