"""The board report in the admin: on screen to print, and as HTML or CSV to download.

For the register's officers, as the dashboard is: its figures count residents. A period
that cannot be read shows the form's errors beside the last six months, never an error
page.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .access import can_see_reports
from .board_report import PeriodForm, board_report, default_period
from .tables import cell_text, csv_download


def spreadsheet_rows(report):
    """Who and when, then each table under its caption, a blank line between."""
    yield [cell_text(report.who), cell_text(report.period_label)]
    for table in report.tables:
        yield []
        yield [cell_text(table.caption)]
        yield from table.spreadsheet_rows()


class BoardReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "involvement_dashboard/board_report.html"
    page_title = _("Board report")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form, self.report = self.read_period(request.GET)
        download = request.GET.get("download")
        if download == "csv":
            return csv_download(f"{self.report.filename}.csv", spreadsheet_rows(self.report))
        if download == "html":
            context = {
                "report": self.report,
                "stylesheet": request.build_absolute_uri(
                    static("involvement_dashboard/board_report.css")
                ),
            }
            html = render_to_string(
                "involvement_dashboard/board_report_download.html", context, request
            )
            response = HttpResponse(html, content_type="text/html; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{self.report.filename}.html"'
            return response
        return super().get(request, *args, **kwargs)

    @staticmethod
    def read_period(query):
        """(the form, the report): the period asked for, or the last six months."""
        asked = {name: query.get(name) for name in ("start", "end", "landlord") if name in query}
        if not asked:
            start, end = default_period()
            return PeriodForm(initial={"start": start, "end": end}), board_report(start, end)
        form = PeriodForm(asked)
        if form.is_valid():
            data = form.cleaned_data
            return form, board_report(data["start"], data["end"], data["landlord"])
        start, end = default_period()
        return form, board_report(start, end)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("download", None)
        here = reverse("involvement_board_report")
        context.update(
            form=self.form,
            report=self.report,
            csv_url=f"{here}?{query.urlencode()}&download=csv".replace("?&", "?"),
            html_url=f"{here}?{query.urlencode()}&download=html".replace("?&", "?"),
        )
        return context
