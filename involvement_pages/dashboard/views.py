"""The dashboard in the admin, for the register's officers, and each table as a CSV.

The year and landlord come from a GET form, so a dashboard can be bookmarked and sent.
An address with a year or landlord that makes no sense shows the current year or all
landlords instead (and says so), never an error page.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from involvement_pages.snippets import Landlord
from involvement_pages.years import start_month, year_of

from .access import can_see_reports
from .charts import caption_id, chart
from .sections import dashboard_sections, find_table
from .tables import csv_download

#: Officers of the register: they see who is involved, so they see it added up.
YEARS_SHOWN = 6
EARLIEST, LATEST = 2000, 2100


def financial_year(first_year):
    return year_of(datetime.date(first_year, start_month(), 1))


class DashboardFilters(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    landlord = forms.ModelChoiceField(
        label=_("Landlord"),
        queryset=Landlord.objects.order_by("name"),
        required=False,
        empty_label=_("All landlords"),
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        first = current.start.year
        years = list(range(first, first - YEARS_SHOWN, -1))
        asked = str(self.data.get("year", ""))
        if asked.isdigit() and EARLIEST <= int(asked) <= LATEST and int(asked) not in years:
            years.append(int(asked))  # an older year from a bookmark is still shown
        self.fields["year"].choices = [(y, financial_year(y).label) for y in sorted(years)[::-1]]


def chosen(request):
    """(form, year, landlord, problems): the filters asked for, or their defaults."""
    current = year_of(timezone.localdate())
    form = DashboardFilters(request.GET or None, current=current)
    year, landlord, problems = current, None, []
    if form.is_bound:
        form.is_valid()
        if form.cleaned_data.get("year"):
            year = financial_year(form.cleaned_data["year"])
        elif form.data.get("year"):
            problems.append(gettext("There is no such year: showing this year."))
        if form.cleaned_data.get("landlord"):
            landlord = form.cleaned_data["landlord"]
        elif form.data.get("landlord"):
            problems.append(gettext("There is no such landlord: showing all landlords."))
    form = DashboardFilters(
        {"year": year.start.year, "landlord": landlord.pk if landlord else ""}, current=current
    )
    return form, year, landlord, problems


class OfficersOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(OfficersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "involvement_dashboard/admin/dashboard.html"
    page_title = _("Involvement dashboard")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        form, year, landlord, problems = chosen(self.request)
        sections = dashboard_sections(self.request, year, landlord)
        query = {"year": year.start.year, "landlord": landlord.pk if landlord else ""}
        for section in sections:
            section.drawn = [
                {
                    "table": table,
                    "chart": chart(table),
                    "caption_id": caption_id(table),
                    "query": query,
                }
                for table in section.tables
            ]
            # Each section's words come from its own template and context; the tables
            # after them are drawn the same way for every section (dashboard.html).
            section.html = render_to_string(
                section.template, {**section.context, "section": section}, self.request
            )
        return super().get_context_data(
            form=form,
            year=year,
            landlord=landlord,
            problems=problems,
            sections=sections,
            query=query,
            **kwargs,
        )


class TableCSVView(OfficersOnlyMixin, View):
    """One dashboard table, for the same year and landlord, as a spreadsheet."""

    def get(self, request, slug):
        _form, year, landlord, _problems = chosen(request)
        table = find_table(dashboard_sections(request, year, landlord), slug)
        if table is None:
            raise Http404
        who = f"-{landlord.pk}" if landlord else ""
        return csv_download(
            f"involvement-{slug}-{year.start.year}{who}.csv", table.spreadsheet_rows()
        )
