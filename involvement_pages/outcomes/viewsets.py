"""Admin for "You said, we did": the outcomes list in the Involvement menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

import django_filters

from forms.spreadsheet import FormulaEscapingExportMixin
from involvement_pages.admin_columns import DayColumn
from involvement_pages.admin_filters import tick_rows
from involvement_pages.panels.models import Panel
from involvement_pages.snippets import Landlord, ServiceArea
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .models import Outcome


class OutcomeFilterSet(WagtailFilterSet):
    published = django_filters.BooleanFilter(label=_("Published"))
    service_area = tick_rows(ServiceArea.objects.all(), _("Service area"))
    panel = tick_rows(Panel.objects.all(), _("Group"))
    landlord = tick_rows(Landlord.objects.all(), _("Landlord"))
    date = django_filters.DateFromToRangeFilter(label=_("Date of the change"))

    class Meta:
        model = Outcome
        fields = []


class OutcomeIndexView(FormulaEscapingExportMixin, IndexView):
    """Outcomes hold text typed in the admin: a story starting "=" must not run as a formula
    when the export is opened (service, group and landlord names too)."""


class OutcomeViewSet(SnippetViewSet):
    model = Outcome
    icon = "pick"
    menu_label = _("You said, we did")
    menu_order = 60
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = True
    index_view_class = OutcomeIndexView
    filterset_class = OutcomeFilterSet
    # The ORM's icontains: the outcome list is short enough, and it matches part words.
    search_fields = ["title", "said", "did"]
    search_backend_name = None
    ordering = ["-date", "-pk"]
    list_display = [
        Column("title", label=_("Headline"), sort_key="title"),
        Column("service_area", label=_("Service area"), sort_key="service_area__name"),
        Column("panel", label=_("Group"), sort_key="panel__name"),
        Column("opportunity", label=_("Activity")),
        DayColumn("date", label=_("Date"), sort_key="date"),
        BooleanColumn("published", label=_("Published"), sort_key="published"),
    ]
    list_export = ["title", "said", "did", "service_area", "panel", "opportunity", "date"]
    list_export += ["evidence_url", "landlord", "published"]

    def get_queryset(self, request):
        return Outcome.objects.select_related("service_area", "panel", "opportunity")
