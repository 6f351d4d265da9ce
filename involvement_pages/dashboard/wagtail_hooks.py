from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from . import board_report_views, urls
from .access import can_see_reports
from .viewsets import CustomerProfileViewSet, SatisfactionWaveViewSet

# Customer profiles and satisfaction survey waves: what the dashboard cannot count itself.
register_snippet(CustomerProfileViewSet)
register_snippet(SatisfactionWaveViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("involvement/dashboard/", include(urls, namespace="involvement_dashboard")),
        path(
            "involvement/board-report/",
            board_report_views.BoardReportView.as_view(),
            name="involvement_board_report",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reports(request.user)


@hooks.register(INVOLVEMENT_MENU_HOOK)
def register_dashboard_menu_item():
    return ReportMenuItem(
        _("Dashboard"), reverse("involvement_dashboard:index"), icon_name="view", order=5
    )


@hooks.register(INVOLVEMENT_MENU_HOOK)
def register_board_report_menu_item():
    return ReportMenuItem(
        _("Board report"), reverse("involvement_board_report"), icon_name="doc-full", order=910
    )
