"""Admin for action plans, under Involvement → Action plans.

The list shows each plan's actions counted by RAG colour, worked out from the dates and
progress officers enter; there is no colour to type.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from involvement_pages.admin_columns import DayColumn
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from . import rag
from .models import ActionPlan


class ActionPlanIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("landlord").prefetch_related("actions")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = list(rows)
        today = timezone.localdate()
        labels = dict(rag.COLOURS)
        for plan in rows:
            counts = plan.rag_counts(today)
            plan.rag_text = ", ".join(
                f"{labels[colour]} {count}" for colour, count in counts.items() if count
            )
        page.object_list = rows
        return paginator, page, rows, is_paginated


class ActionPlanViewSet(SnippetViewSet):
    model = ActionPlan
    icon = "list-ol"
    menu_label = _("Action plans")
    menu_order = 70
    menu_hook = INVOLVEMENT_MENU_HOOK
    index_view_class = ActionPlanIndexView
    search_fields = ["title"]
    # The ORM's icontains, as the core lists do: the search backend's index has no column to
    # filter these fields on (a 500 on SQLite), and the lists are short.
    search_backend_name = None
    list_filter = ["landlord", "published"]
    list_display = [
        "title",
        Column("period", label=_("Period")),
        DayColumn("starts_on", label=_("Starts"), sort_key="starts_on"),
        Column("rag_text", label=_("Actions by RAG status")),
        BooleanColumn("published", label=_("Published")),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("period"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("landlord"),
                FieldPanel("intro"),
                FieldPanel("published"),
            ],
            heading=_("The plan"),
        ),
        InlinePanel(
            "actions",
            heading=_("Actions"),
            label=_("Action"),
            help_text=_(
                "The RAG status is worked out from the plan's start, the target date and "
                "the percent done: see 'Action plans' in the officers' guide."
            ),
            panels=[
                FieldPanel("objective"),
                FieldPanel("action"),
                FieldPanel("milestone"),
                FieldPanel("outcome"),
                FieldPanel("responsible"),
                FieldRowPanel([FieldPanel("target_date"), FieldPanel("target_wording")]),
                FieldPanel("progress"),
                FieldPanel("percent_done"),
            ],
        ),
    ]
