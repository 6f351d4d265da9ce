"""Admin for scrutiny reviews and the overdue recommendations report, under Involvement.

Recommendations are edited inside their review (an inline panel), so the landlord's
response and what became of it stay beside the review that made it.
"""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from forms.spreadsheet import FormulaEscapingExportMixin
from involvement_pages.admin_columns import DayColumn
from involvement_pages.admin_filters import tick_choices
from involvement_pages.panels.models import Panel
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .models import Recommendation, RecommendationStatus, Response, ReviewKind, ScrutinyReview

REVIEW_PERMISSIONS = ModelPermissionPolicy(ScrutinyReview)


def review_edit_url(review_id):
    return reverse("wagtailsnippets_involvement_scrutiny_scrutinyreview:edit", args=[review_id])


# Reviews


class ScrutinyReviewIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        today = timezone.localdate()
        overdue = Recommendation.objects.overdue(today).values("pk")
        return (
            super()
            .get_base_queryset()
            .select_related("panel")
            .annotate(
                # Rejected recommendations are not to do: they will never be done.
                open_count=Count(
                    "recommendations",
                    filter=~Q(recommendations__status=RecommendationStatus.DONE)
                    & ~Q(recommendations__response=Response.REJECTED),
                ),
                overdue_count=Count("recommendations", filter=Q(recommendations__in=overdue)),
            )
        )


class ScrutinyReviewViewSet(SnippetViewSet):
    model = ScrutinyReview
    icon = "doc-full-inverse"
    menu_label = _("Scrutiny reviews")
    menu_order = 60
    menu_hook = INVOLVEMENT_MENU_HOOK
    index_view_class = ScrutinyReviewIndexView
    search_fields = ["topic", "scope"]
    # The ORM's icontains, as the core lists do: the search backend's index has no column to
    # filter these fields on (a 500 on SQLite), and the lists are short.
    search_backend_name = None
    list_filter = ["kind", "status", "panel"]
    list_display = [
        "topic",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("panel", label=_("Panel"), sort_key="panel__name"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DayColumn("ended_on", label=_("Finished"), sort_key="ended_on"),
        Column("open_count", label=_("Still to do"), sort_key="open_count"),
        Column("overdue_count", label=_("Overdue"), sort_key="overdue_count"),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("topic"),
                FieldPanel("slug"),
                FieldPanel("panel"),
                FieldPanel("commissioned_by"),
                FieldPanel("scope"),
            ],
            heading=_("The review"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
                FieldPanel("status"),
                FieldPanel("findings"),
                FieldPanel("report"),
            ],
            heading=_("Progress and report"),
        ),
        InlinePanel(
            "recommendations",
            heading=_("Recommendations"),
            label=_("Recommendation"),
            panels=[
                FieldPanel("text"),
                FieldPanel("owner"),
                FieldRowPanel([FieldPanel("response"), FieldPanel("due_on")]),
                FieldPanel("response_reason"),
                FieldPanel("status"),
                FieldPanel("evidence"),
                FieldPanel("evidence_url"),
            ],
        ),
    ]


# Overdue recommendations


class OverdueFilterSet(WagtailFilterSet):
    kind = tick_choices(ReviewKind.choices, _("Kind of review"), field_name="review__kind")
    panel = django_filters.ModelChoiceFilter(
        queryset=Panel.objects.filter(scrutiny_reviews__isnull=False).distinct(),
        field_name="review__panel",
        label=_("Panel"),
    )

    class Meta:
        model = Recommendation
        fields = []


class OverdueRecommendationsView(FormulaEscapingExportMixin, ReportView):
    """Every recommendation past its due date and not done, oldest due first."""

    page_title = _("Overdue recommendations")
    header_icon = "warning"
    index_url_name = "involvement_scrutiny_overdue:index"
    index_results_url_name = "involvement_scrutiny_overdue:results"
    permission_policy = REVIEW_PERMISSIONS
    permission_required = "view"
    filterset_class = OverdueFilterSet
    model = Recommendation
    list_export = ["text", "review.topic", "review_kind", "owner", "due_on", "status_label"]
    export_headings = {
        "text": _("Recommendation"),
        "review.topic": _("Review"),
        "review_kind": _("Kind of review"),
        "owner": _("Owner"),
        "due_on": _("Due"),
        "status_label": _("Status"),
    }
    columns = [
        TitleColumn(
            "text",
            label=_("Recommendation"),
            get_url=lambda rec: review_edit_url(rec.review_id),
        ),
        Column("review", label=_("Review")),
        Column("owner", label=_("Owner")),
        DayColumn("due_on", label=_("Due")),
        Column("days_overdue", label=_("Days overdue")),
        Column("status_label", label=_("Status")),
        Column("response_label", label=_("Response")),
    ]

    def get_queryset(self):
        return (
            Recommendation.objects.overdue()
            .select_related("review")
            .order_by("due_on", "review__topic", "sort_order", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        rows = list(object_list)
        for rec in rows:
            rec.days_overdue = (today - rec.due_on).days
            rec.status_label = rec.get_status_display()
            rec.response_label = rec.get_response_display()
            rec.review_kind = rec.review.get_kind_display()
        return rows

    def to_row_dict(self, item):
        # The spreadsheet reads the same labels as the page, not the stored codes, and no
        # cell runs as a formula (Wagtail's CSV export writes text as it is).
        item.status_label = item.get_status_display()
        item.review_kind = item.review.get_kind_display()
        return super().to_row_dict(item)


class OverdueRecommendationsViewSet(ViewSet):
    name = "involvement_scrutiny_overdue"
    url_prefix = "involvement/overdue-recommendations"
    icon = "warning"
    menu_label = _("Overdue recommendations")
    menu_order = 65
    menu_hook = INVOLVEMENT_MENU_HOOK

    def get_urlpatterns(self):
        view = OverdueRecommendationsView
        return [
            path("", view.as_view(), name="index"),
            path("results/", view.as_view(results_only=True), name="results"),
        ]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        # Shown only to those who may see reviews, as the view itself checks.
        item.is_shown = lambda request: REVIEW_PERMISSIONS.user_has_permission(request.user, "view")
        return item
