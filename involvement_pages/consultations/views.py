"""Officers' views of consultation answers: the list, the summed-up results, the download.

Answers can hold names and free text that identifies someone, so these views ask for the
officers' permission to view responses; being able to edit the page is not enough.
"""

from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str

from forms.spreadsheet import FormulaEscapingExportMixin

from .models import ConsultationPage, ConsultationResponse
from .results import free_text_questions, summarise

VIEW_RESPONSES = "involvement_consultations.view_consultationresponse"
DELETE_RESPONSES = "involvement_consultations.delete_consultationresponse"
FREE_TEXT_PAGE_SIZE = 50


def can_see_responses(user):
    return user.has_perm(VIEW_RESPONSES)


class OfficersOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_responses(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ConsultationMixin:
    """Officers only, for one consultation named in the address."""

    def dispatch(self, request, *args, page_id, **kwargs):
        if not can_see_responses(request.user):
            raise PermissionDenied
        self.consultation = get_object_or_404(ConsultationPage, pk=page_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("involvement_consultations:index"), "label": _("Consultations")},
            {"url": "", "label": self.consultation.title},
        ]


def responses_of(pages):
    """Each page with ``response_count``, in one query however many there are."""
    counts = (
        ConsultationResponse.objects.filter(page=OuterRef("pk"))
        .order_by()
        .values("page")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return pages.annotate(response_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


class ConsultationListView(OfficersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "involvement_consultations/admin/index.html"
    page_title = _("Consultations")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = responses_of(ConsultationPage.objects.order_by("-closes_at", "pk"))
        context["consultations"] = Paginator(pages, 50).get_page(self.request.GET.get("p"))
        return context


class ResultsView(ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "involvement_consultations/admin/results.html"
    page_title = _("Consultation results")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.consultation
        form_fields = list(page.get_form_fields())
        responses = ConsultationResponse.objects.filter(page=page)
        # One pass over every response's answers: counting needs them all.
        answers = list(responses.values_list("form_data", flat=True))
        questions = free_text_questions(form_fields)
        listing = Paginator(
            responses.order_by("submit_time", "pk").only(
                "submit_time", "form_data", "respondent_name", "respondent_contact"
            ),
            FREE_TEXT_PAGE_SIZE,
        ).get_page(self.request.GET.get("p"))
        context.update(
            consultation=page,
            total=len(answers),
            summary=[q for q in summarise(form_fields, answers) if q.is_counted],
            free_text_questions=questions,
            free_text=[
                (
                    response,
                    [(q.label, response.form_data.get(q.clean_name)) for q in questions],
                )
                for response in listing
            ]
            if questions or page.ask_for_contact
            else [],
            listing=listing,
            can_delete=self.request.user.has_perm(DELETE_RESPONSES),
            export_url=reverse("involvement_consultations:export", args=[page.pk]),
        )
        return context


class ExportView(ConsultationMixin, FormulaEscapingExportMixin, SpreadsheetExportMixin, View):
    """Every response, one a row, as CSV or XLSX; text a spreadsheet would run is escaped."""

    def get(self, request, *args, **kwargs):
        data_fields = self.consultation.get_data_fields()
        self.list_export = [name for name, _label in data_fields]
        self.export_headings = dict(data_fields)
        export_format = request.GET.get("export")
        if export_format not in self.FORMATS:
            export_format = self.FORMAT_CSV
        responses = ConsultationResponse.objects.filter(page=self.consultation).order_by(
            "submit_time", "pk"
        )
        return self.as_spreadsheet(responses.iterator(chunk_size=500), export_format)

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def get_filename(self):
        return f"{self.consultation.slug}-responses"

    def to_row_dict(self, item):
        data = item.get_data()
        return OrderedDict((name, data.get(name)) for name in self.list_export)


class DeleteResponseView(ConsultationMixin, WagtailAdminTemplateMixin, TemplateView):
    """Delete one response: what a resident asks for when they want their words taken out."""

    template_name = "involvement_consultations/admin/delete_response.html"
    page_title = _("Delete a response")
    header_icon = "bin"

    def dispatch(self, request, *args, response_id, **kwargs):
        if not request.user.has_perm(DELETE_RESPONSES):
            raise PermissionDenied
        self.response_id = response_id
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(
            ConsultationResponse, pk=self.response_id, page_id=self.consultation.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        response = self.get_object()
        context.update(
            consultation=self.consultation,
            response=response,
            answers=[
                (label, list_to_str(value) if isinstance(value, list) else value)
                for name, label in self.consultation.get_data_fields()
                for value in [response.get_data().get(name)]
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        self.get_object().delete()
        messages.success(request, gettext("The response has been deleted."))
        return redirect("involvement_consultations:results", page_id=self.consultation.pk)
