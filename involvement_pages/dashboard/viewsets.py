"""Admin for what the dashboard cannot count itself: customer profiles and survey waves."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from involvement_pages.admin_columns import DayColumn
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from .profiles import CustomerProfile, SatisfactionWave, count_problems

GROUP_FIELDS = ("characteristic", "other_characteristic", "group", "count")


class CustomerProfileForm(WagtailAdminModelForm):
    """Checks the groups being entered against the number of customers, before saving."""

    def clean(self):
        cleaned = super().clean()
        groups = self.formsets.get("groups")
        if groups is None or not groups.is_valid():
            return cleaned
        rows = [
            tuple(form.cleaned_data.get(name) for name in GROUP_FIELDS)
            for form in groups.forms
            if form.cleaned_data and form not in groups.deleted_forms
        ]
        for problem in count_problems(cleaned.get("customers"), rows):
            self.add_error(None, problem)
        return cleaned


class CustomerProfileViewSet(SnippetViewSet):
    model = CustomerProfile
    icon = "group"
    menu_label = _("Customer profiles")
    menu_order = 95
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = True
    search_backend_name = None
    search_fields = ["source", "landlord__name"]
    list_filter = ["landlord", "year"]
    list_display = [
        Column("landlord", label=_("Landlord"), accessor="__str__"),
        Column("year", label=_("Year starting"), sort_key="year"),
        Column("customers", label=_("Customers"), sort_key="customers"),
        Column("source", label=_("Where the figures come from")),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("landlord"), FieldPanel("year")]),
                    FieldPanel("customers"),
                    FieldPanel("source"),
                ],
                heading=_("Profile"),
            ),
            InlinePanel(
                "groups",
                heading=_("Customers in each group"),
                label=_("Group"),
                help_text=_(
                    "For age band, gender, ethnicity, disability, sexual orientation and "
                    "religion, use the register's own groups so involved people can be "
                    "set against them. Customers left out of a characteristic's groups are "
                    "counted as not known. Another characteristic is shown, not compared."
                ),
                panels=[
                    FieldRowPanel(
                        [FieldPanel("characteristic"), FieldPanel("other_characteristic")]
                    ),
                    FieldRowPanel([FieldPanel("group"), FieldPanel("count")]),
                ],
            ),
        ],
        base_form_class=CustomerProfileForm,
    )

    def get_queryset(self, request):
        return CustomerProfile.objects.select_related("landlord")


class SatisfactionWaveViewSet(SnippetViewSet):
    model = SatisfactionWave
    icon = "form"
    menu_label = _("Satisfaction surveys")
    menu_order = 96
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = True
    search_backend_name = None
    search_fields = ["name"]
    list_filter = ["landlord", "method"]
    list_display = [
        Column("name", label=_("Survey"), sort_key="name"),
        Column("landlord", label=_("Landlord")),
        DayColumn("held_on", label=_("Survey date"), sort_key="held_on"),
        Column("sample_size", label=_("Number who answered"), sort_key="sample_size"),
    ]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("landlord"), FieldPanel("held_on")]),
        FieldRowPanel([FieldPanel("method"), FieldPanel("sample_size")]),
        MultiFieldPanel(
            [FieldPanel("tp06"), FieldPanel("tp07"), FieldPanel("tp08")],
            heading=_("Tenant Satisfaction Measures"),
        ),
        MultiFieldPanel([FieldPanel("bvpi57")], heading=_("Older surveys")),
    ]

    def get_queryset(self, request):
        return SatisfactionWave.objects.select_related("landlord")
