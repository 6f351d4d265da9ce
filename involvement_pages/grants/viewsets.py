"""Admin for grant funds and applications, under Involvement → Panels and grants.

Applications name the person applying, so they are personal data: officers only, kept out
of the reference index and behind a permission-checked chooser. Awards that would overspend
a fund are refused on the form, and again inside the transaction that saves them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.coreutils import multigetattr
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from forms.choosers import person_chooser_viewset
from involvement_pages.admin_columns import DayColumn
from involvement_pages.admin_filters import tick_choices, tick_rows, yes_or_no
from involvement_pages.inspect import PlainInspectView
from involvement_pages.panels.models import Panel
from involvement_pages.private_choosers import PrivateSnippetChooserViewSet
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .models import (
    ApplicationStatus,
    GrantApplication,
    GrantFund,
    GrantRound,
    current_balance,
    fund_balances,
)

# Funds


class GrantFundForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        rounds = self.formsets.get("rounds")
        if rounds is None:
            return cleaned
        for form in rounds.deleted_forms:
            grant_round = form.instance
            used = grant_round.pk and grant_round.applications.count()
            if used:
                self.add_error(
                    None,
                    ngettext(
                        "%(round)s has %(count)d application, so it cannot be removed. "
                        "Change its dates or budget instead.",
                        "%(round)s has %(count)d applications, so it cannot be removed. "
                        "Change its dates or budget instead.",
                        used,
                    )
                    % {"round": grant_round.name, "count": used},
                )
        return cleaned


class GrantFundIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("deciding_panel")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = list(rows)
        balances = fund_balances(rows)
        today = timezone.localdate()
        for fund in rows:
            fund.balance = current_balance(fund, balances, today)
        page.object_list = rows
        return paginator, page, rows, is_paginated


def _balance(attribute):
    def value(fund):
        balance = getattr(fund, "balance", None)
        return multigetattr(balance, attribute) if balance else None

    return value


class GrantFundInspectView(PlainInspectView):
    template_name = "involvement_grants/admin/grant_fund_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.object
        balances = fund_balances([fund])
        context["balances"] = [balances[r.pk] for r in fund.rounds.order_by("opens", "pk")]
        context["status_counts"] = [
            (ApplicationStatus(row["status"]).label, row["n"])
            for row in fund.applications.order_by("status").values("status").annotate(n=Count("pk"))
        ]
        context["can_see_applications"] = self.request.user.has_perm(
            "involvement_grants.view_grantapplication"
        )
        return context


class ProtectedDeleteView(snippet_views.DeleteView):
    """Say why a fund with applications cannot be deleted, instead of failing."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                gettext(
                    "%(fund)s has grant applications, so it cannot be deleted. Untick "
                    "'accepting applications' to close it instead."
                )
                % {"fund": self.object},
            )
            return redirect(self.get_success_url())


class GrantFundViewSet(SnippetViewSet):
    model = GrantFund
    icon = "folder-open-inverse"
    menu_label = _("Grant funds")
    menu_order = 40
    index_view_class = GrantFundIndexView
    inspect_view_class = GrantFundInspectView
    delete_view_class = ProtectedDeleteView
    inspect_view_enabled = True
    search_fields = ["name", "description", "criteria"]
    list_filter = ["budget_period", "carry_over", "accepting_applications"]
    list_display = [
        "name",
        Column("deciding_panel", label=_("Decided by")),
        Column("year_or_round", label=_("Year or round"), accessor=_balance("round.name")),
        Column("budget", label=_("Budget"), accessor=_balance("budget_display")),
        # Shown so the row adds up: budget + carried over - awarded = left.
        Column("carried_over", label=_("Carried over"), accessor=_balance("carried_in_display")),
        Column("awarded", label=_("Awarded"), accessor=_balance("awarded_display")),
        Column("left", label=_("Left"), accessor=_balance("left_display")),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("description"),
                    FieldPanel("criteria"),
                    FieldPanel("deciding_panel"),
                    FieldPanel("application_form"),
                    FieldPanel("accepting_applications"),
                ],
                heading=_("About the fund"),
            ),
            MultiFieldPanel(
                [FieldPanel("budget_period"), FieldPanel("carry_over")], heading=_("Money")
            ),
            InlinePanel(
                "rounds",
                heading=_("Years and rounds"),
                label=_("Year or round"),
                help_text=_(
                    "Add each financial year's budget, or each round with the "
                    "dates it opens and closes."
                ),
                panels=[
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
                    FieldPanel("budget"),
                ],
            ),
        ],
        base_form_class=GrantFundForm,
    )
    inspect_view_fields = [
        "description",
        "criteria",
        "budget_period",
        "deciding_panel",
        "carry_over",
        "accepting_applications",
        "application_form",
    ]


# Applications


class GrantApplicationFilterSet(WagtailFilterSet):
    reviews_due = django_filters.BooleanFilter(
        label=_("6-month review due"), method="filter_reviews_due"
    )
    fund = tick_rows(GrantFund.objects.all(), _("Fund"))
    round = django_filters.ModelChoiceFilter(
        queryset=GrantRound.objects.select_related("fund").order_by("fund__name", "opens"),
        label=_("Year or round"),
    )
    status = tick_choices(ApplicationStatus.choices, _("Status"))
    deciding_panel = django_filters.ModelChoiceFilter(
        queryset=Panel.objects.all(), label=_("Decided by")
    )
    published = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = GrantApplication
        fields = []

    def filter_reviews_due(self, queryset, name, value):
        due = GrantApplication.objects.reviews_due().values("pk")
        return yes_or_no(queryset, value, Q(pk__in=due))


class GrantApplicationIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("fund", "round", "applicant_person")


class SaveRefusedMixin:
    """An award refused while saving (another officer spent the money first) is a form
    error the officer can act on, not a server error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class GrantApplicationCreateView(SaveRefusedMixin, snippet_views.CreateView):
    pass


class GrantApplicationEditView(SaveRefusedMixin, snippet_views.EditView):
    pass


class GrantApplicationViewSet(SnippetViewSet):
    model = GrantApplication
    icon = "tasks"
    menu_label = _("Grant applications")
    menu_order = 50
    add_to_reference_index = False
    chooser_viewset_class = PrivateSnippetChooserViewSet
    copy_view_enabled = False
    index_view_class = GrantApplicationIndexView
    add_view_class = GrantApplicationCreateView
    edit_view_class = GrantApplicationEditView
    inspect_view_class = PlainInspectView
    inspect_view_enabled = True
    filterset_class = GrantApplicationFilterSet
    search_fields = ["project", "applicant_name", "applicant_person__name"]
    list_display = [
        "project",
        Column("applicant_label", label=_("Applicant")),
        Column("fund", label=_("Fund"), sort_key="fund__name"),
        Column("round", label=_("Year or round"), accessor="round.name"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("amount_requested_display", label=_("Asked for"), sort_key="amount_requested"),
        Column("amount_awarded_display", label=_("Awarded"), sort_key="amount_awarded"),
        DayColumn("review_due_on", label=_("Review due"), sort_key="review_due_on"),
        BooleanColumn("published", label=_("Published")),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("applicant_group"),
                FieldPanel("applicant_name"),
                FieldPanel("applicant_person", widget=person_chooser_viewset.widget_class),
            ],
            heading=_("Who is applying"),
        ),
        MultiFieldPanel(
            [FieldPanel("project"), FieldPanel("description"), FieldPanel("amount_requested")],
            heading=_("The project"),
        ),
        MultiFieldPanel(
            [FieldPanel("fund"), FieldPanel("round"), FieldPanel("received_on")],
            heading=_("Fund"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("amount_awarded"),
                FieldPanel("decision_date"),
                FieldPanel("deciding_panel"),
                FieldPanel("notes"),
            ],
            heading=_("Decision"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcome_evaluation"), FieldPanel("published")],
            heading=_("Review and publishing"),
        ),
    ]
    inspect_view_fields = [
        "applicant_label",
        "applicant_person",
        "project",
        "description",
        "fund",
        "round",
        "received_on",
        "amount_requested",
        "status",
        "amount_awarded",
        "decision_date",
        "deciding_panel",
        "review_due_on",
        "outcome_evaluation",
        "notes",
        "published",
    ]


class GrantsGroup(SnippetViewSetGroup):
    """Officers' work on community grants; each item shows only with permission."""

    menu_label = _("Grants")
    menu_icon = "tasks"
    menu_order = 55
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = False
    items = (GrantFundViewSet, GrantApplicationViewSet)
