"""The involvement budget in the admin: its lines, and what was spent against it."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from involvement_pages.inspect import PlainInspectView
from involvement_pages.money import pounds
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .models import Budget, spending


class BudgetIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("landlord")
            .annotate(planned_total=Sum("lines__amount"))
        )


class BudgetInspectView(PlainInspectView):
    template_name = "involvement_budget/admin/budget_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.all()
        context["other_costs"] = self.object.other_costs.order_by("date", "pk")
        context["spending"] = spending(self.object)
        return context


class BudgetViewSet(SnippetViewSet):
    model = Budget
    icon = "table"
    menu_label = _("Involvement budget")
    menu_order = 65
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = BudgetIndexView
    inspect_view_class = BudgetInspectView
    search_backend_name = None
    search_fields = ["landlord__name", "notes"]
    list_filter = ["landlord", "year"]
    list_display = [
        "__str__",
        Column("landlord", label=_("Landlord")),
        Column("period", label=_("Year"), sort_key="year"),
        Column(
            "planned",
            label=_("Budget"),
            accessor=lambda budget: pounds(budget.planned_total or 0),
            sort_key="planned_total",
        ),
        Column("homes", label=_("Homes")),
    ]
    inspect_view_fields = ["landlord", "year", "homes", "funds", "notes"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("landlord"), FieldPanel("year")]), FieldPanel("homes")],
                heading=_("Whose budget, and which year"),
            ),
            InlinePanel(
                "lines",
                heading=_("Budget lines"),
                label=_("Line"),
                panels=[FieldRowPanel([FieldPanel("heading"), FieldPanel("amount")])],
            ),
            FieldPanel("funds"),
            InlinePanel(
                "other_costs",
                heading=_("Other costs"),
                label=_("Cost"),
                help_text=_(
                    "Costs that are not grants or expense claims: venues, printing, staff. "
                    "Grants awarded and approved claims are added up for you."
                ),
                panels=[
                    FieldRowPanel([FieldPanel("date"), FieldPanel("amount")]),
                    FieldPanel("description"),
                ],
            ),
            FieldPanel("notes"),
        ]
    )
