"""Expense claims in the admin, under Involvement: officers only, never editors.

Claims name residents and carry their receipts, so they stay out of the reference index and
the site search; the lists, receipts and payment file all require a claims permission.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from forms.choosers import person_chooser_viewset
from involvement_pages.admin_columns import DayColumn
from involvement_pages.admin_filters import tick_choices
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .forms import ExpenseClaimForm
from .models import ClaimStatus, ExpenseClaim, average_days_to_pay
from .views import PaymentFileView, ReceiptView


class ExpenseClaimFilterSet(WagtailFilterSet):
    status = tick_choices(ClaimStatus.choices, _("Status"))

    class Meta:
        model = ExpenseClaim
        fields = []


class ExpenseClaimIndexView(IndexView):
    template_name = "involvement_expenses/admin/claims_index.html"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("person", "opportunity", "event", "meeting__panel")
            .with_totals()
        )

    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Download approved claims to pay (CSV)"),
                url=reverse("involvement_expense_claims:payment_file"),
                icon_name="download",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["average_days_to_pay"] = average_days_to_pay(
            self.filter_queryset(ExpenseClaim.objects.all())
        )
        return context


class ExpenseClaimInspectView(InspectView):
    template_name = "involvement_expenses/admin/claim_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        context["lines"] = claim.lines.select_related("option")
        context["receipts"] = claim.receipts.all()
        return context


class ExpenseClaimViewSet(ModelViewSet):
    model = ExpenseClaim
    name = "involvement_expense_claims"
    icon = "form"
    menu_label = _("Expense claims")
    menu_order = 60
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ExpenseClaimIndexView
    inspect_view_class = ExpenseClaimInspectView
    filterset_class = ExpenseClaimFilterSet
    search_backend_name = None
    search_fields = ["person__name", "person__email", "person__postcode"]
    ordering = ["-submitted_on", "-pk"]
    list_display = [
        "person",
        Column("activity_name", label=_("Activity")),
        DayColumn("activity_date", label=_("Date of activity"), sort_key="activity_date"),
        Column("total_display", label=_("Amount"), sort_key="total_amount"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DayColumn("submitted_on", label=_("Claimed"), sort_key="submitted_on"),
        DayColumn("paid_on", label=_("Paid"), sort_key="paid_on"),
        Column("days_to_pay", label=_("Days to pay")),
    ]
    inspect_view_fields = [
        "person",
        "activity_name",
        "activity_date",
        "submitted_on",
        "submitted_by",
        "status",
        "rejection_reason",
        "approved_on",
        "approved_by",
        "paid_on",
        "days_to_pay",
        "notes",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("person", widget=person_chooser_viewset.widget_class),
            MultiFieldPanel(
                [
                    FieldPanel("opportunity"),
                    FieldPanel("event"),
                    FieldPanel("meeting"),
                    FieldRowPanel([FieldPanel("activity_date"), FieldPanel("submitted_on")]),
                ],
                heading=_("What the claim is for"),
                help_text=_("Choose one: a way of getting involved, an event or a panel meeting."),
            ),
            InlinePanel(
                "lines",
                heading=_("Costs"),
                label=_("Cost"),
                help_text=_(
                    "Mileage and childcare are worked out from the rates in Menu lists; "
                    "for taxis and other costs enter the amount on the receipt."
                ),
                panels=[
                    FieldRowPanel([FieldPanel("option"), FieldPanel("quantity")]),
                    FieldPanel("note"),
                ],
            ),
            InlinePanel(
                "receipts",
                heading=_("Receipts"),
                label=_("Receipt"),
                help_text=_("Kept privately: only involvement officers can open them."),
                panels=[FieldPanel("file")],
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("rejection_reason"),
                    FieldPanel("paid_on"),
                    FieldPanel("notes"),
                ],
                heading=_("Decision and payment"),
                help_text=_(
                    "Another officer approves and pays a claim: never the one who entered it, "
                    "nor the claimant."
                ),
            ),
        ],
        base_form_class=ExpenseClaimForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("receipts/<path:name>", ReceiptView.as_view(), name="receipt"),
            path("to-pay.csv", PaymentFileView.as_view(), name="payment_file"),
        ]
