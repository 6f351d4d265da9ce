"""Admin for panels, memberships and meetings, and the "Panels and grants" menu group.

Memberships and meetings are residents' personal data: their viewsets keep them out of
Wagtail's reference index (whose "usage" pages anyone who can see a panel may open) and
use a chooser that checks permissions. Panels themselves hold no personal data; their
inspect view lists members only to users who may view memberships.
"""

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from forms.choosers import person_chooser_viewset
from forms.models import Person
from involvement_pages.admin_columns import DayColumn
from involvement_pages.admin_filters import tick_choices, tick_rows, yes_or_no
from involvement_pages.inspect import PlainInspectView
from involvement_pages.private_choosers import PrivateSnippetChooserViewSet
from involvement_pages.snippets import Area, Landlord
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK
from involvement_pages.years import year_of

from .models import (
    Meeting,
    Membership,
    Panel,
    PanelKind,
    PanelStatus,
    Role,
    landlord_counts,
    long_date,
    shortfall_text,
    shortfalls,
)

# Panels


class PanelFilterSet(WagtailFilterSet):
    kind = tick_choices(PanelKind.choices, _("Kind"))
    landlord = tick_rows(
        Landlord.objects.all(), _("Landlord"), field_name="landlords", distinct=True
    )
    area = tick_rows(Area.objects.all(), _("Area"), method="filter_area")
    status = tick_choices(PanelStatus.choices, _("Status"))
    corporate = django_filters.BooleanFilter(label=_("Corporate group"))
    shortfall = django_filters.BooleanFilter(
        label=_("Below its minimum from a landlord"), method="filter_shortfall"
    )

    class Meta:
        model = Panel
        fields = []

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        matches = Panel.objects.filter(Q(all_areas=True) | Q(areas__in=value)).values("pk")
        return queryset.filter(pk__in=matches)

    def filter_shortfall(self, queryset, name, value):
        return yes_or_no(queryset, value, Q(pk__in=Panel.objects.with_shortfall().values("pk")))


class PanelForm(WagtailAdminModelForm):
    """Checks that need the landlords ticked on the form, not yet saved on the panel."""

    def clean(self):
        cleaned = super().clean()
        landlords = cleaned.get("landlords")
        minimum = cleaned.get("min_members_per_landlord")
        if minimum and landlords is not None and not landlords:
            self.add_error(
                "landlords",
                _("Tick the landlords the panel covers: the minimum applies to each of them."),
            )
        becoming_active = cleaned.get("status") == PanelStatus.ACTIVE and (
            self.instance.pk is None or "status" in self.changed_data
        )
        if becoming_active and minimum and landlords:
            self.instance.min_members_per_landlord = minimum
            short = [s for s in landlord_counts(self.instance, landlords) if s.have < s.need]
            if short:
                self.add_error(
                    "status",
                    gettext(
                        "It cannot be Active yet: it needs at least %(minimum)d members from "
                        "each landlord, and has %(have)s. Keep it Recruiting until then, or "
                        "lower the minimum."
                    )
                    % {"minimum": minimum, "have": shortfall_text(short)},
                )
        return cleaned


class PanelIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_list_data().prefetch_related("landlords")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        rows = list(rows)
        found = shortfalls(rows)
        for panel in rows:
            panel.shortfall_text = (
                shortfall_text(found.get(panel.pk)) if panel.min_members_per_landlord else None
            )
        page.object_list = rows
        return paginator, page, rows, is_paginated


class PanelInspectView(PlainInspectView):
    template_name = "involvement_panels/admin/panel_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        panel, user, today = self.object, self.request.user, timezone.localdate()
        context["year"] = year_of(today)
        if panel.min_members_per_landlord:
            counts = landlord_counts(panel, panel.landlords.all(), today)
            context["landlord_counts"] = counts
        if user.has_perm("involvement_panels.view_membership"):
            members = panel.memberships.select_related("person", "representing_landlord")
            context["current_members"] = members.current(today).order_by("role", "person__name")
            context["past_members"] = members.exclude(
                pk__in=members.current(today).values("pk")
            ).order_by("-start_date")
            context["can_add_member"] = user.has_perm("involvement_panels.add_membership")
        meetings = panel.meetings.annotate(attended=Count("attendees")).order_by("-date")
        # The count and the list are the same meetings: this year's, up to today. Meetings
        # already planned are listed apart, so they never swell "held so far".
        context["meetings"] = list(meetings.filter(date__range=(context["year"].start, today)))
        context["meetings_held"] = len(context["meetings"])
        context["meetings_planned"] = meetings.filter(date__gt=today).reverse()
        context["can_see_meetings"] = user.has_perm("involvement_panels.view_meeting")
        context["can_add_meeting"] = user.has_perm("involvement_panels.add_meeting")
        return context


class PanelViewSet(SnippetViewSet):
    model = Panel
    icon = "group"
    menu_label = _("Panels and groups")
    menu_order = 10
    index_view_class = PanelIndexView
    inspect_view_class = PanelInspectView
    inspect_view_enabled = True
    filterset_class = PanelFilterSet
    search_fields = ["name", "terms_of_reference"]
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("current_members", label=_("Members"), sort_key="current_members"),
        Column(
            "meetings",
            label=_("Meetings this year"),
            accessor=lambda p: p.meetings_against_target(p.meetings_held),
            sort_key="meetings_held",
        ),
        Column("shortfall_text", label=_("Shortfall")),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("status"),
                    FieldPanel("corporate"),
                    FieldRowPanel([FieldPanel("level"), FieldPanel("tier")]),
                    FieldPanel("opportunity"),
                ],
                heading=_("About the panel"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("landlords", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("min_members_per_landlord"),
                    FieldPanel("all_areas"),
                    FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Who it represents"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("meeting_frequency"),
                    FieldPanel("target_meetings_a_year"),
                    FieldPanel("time_commitment"),
                    FieldPanel("delegated_budget"),
                    FieldPanel("terms_of_reference"),
                ],
                heading=_("How it works"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("meets_recognition_criteria"),
                    FieldPanel("recognised_on"),
                    FieldPanel("last_support_visit"),
                    FieldPanel("next_support_visit_due"),
                ],
                heading=_("Recognition (residents' associations only)"),
            ),
        ],
        base_form_class=PanelForm,
    )
    inspect_view_fields = [
        "kind",
        "status",
        "corporate",
        "level",
        "tier",
        "landlords",
        "min_members_per_landlord",
        "all_areas",
        "areas",
        "meeting_frequency",
        "target_meetings_a_year",
        "time_commitment",
        "delegated_budget",
        "terms_of_reference",
        "opportunity",
    ]


# Memberships


class MembershipFilterSet(WagtailFilterSet):
    current = django_filters.BooleanFilter(label=_("Member today"), method="filter_current")
    # A drop-down, not ticks: a landlord group can have hundreds of panels and TARAs.
    panel = django_filters.ModelChoiceFilter(queryset=Panel.objects.all(), label=_("Panel"))
    role = tick_choices(Role.choices, _("Role"))
    representing_landlord = tick_rows(Landlord.objects.all(), _("Representing"))
    corporate = django_filters.BooleanFilter(
        field_name="panel__corporate", label=_("On a corporate group")
    )

    class Meta:
        model = Membership
        fields = []

    def filter_current(self, queryset, name, value):
        return yes_or_no(queryset, value, Q(pk__in=Membership.objects.current().values("pk")))


class MembershipIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("person", "panel", "representing_landlord")
        )


class PanelFromQueryMixin:
    """ "Add a member" and "Record a meeting" on a panel's page start with that panel."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        panel_id = self.request.GET.get("panel", "")
        panel = Panel.objects.filter(pk=panel_id).first() if panel_id.isdigit() else None
        if panel is None:
            return instance
        instance = instance or self.model()
        instance.panel = panel
        return instance


class MembershipCreateView(PanelFromQueryMixin, snippet_views.CreateView):
    pass


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    menu_order = 20
    add_to_reference_index = False
    chooser_viewset_class = PrivateSnippetChooserViewSet
    copy_view_enabled = False
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    inspect_view_class = PlainInspectView
    inspect_view_enabled = True
    filterset_class = MembershipFilterSet
    search_fields = ["person__name", "panel__name"]
    list_display = [
        Column("person", label=_("Person"), sort_key="person__name"),
        Column("panel", label=_("Panel"), sort_key="panel__name"),
        Column("role", label=_("Role"), accessor="get_role_display", sort_key="role"),
        Column("representing_landlord", label=_("Representing")),
        DayColumn("start_date", label=_("From"), sort_key="start_date"),
        DayColumn("end_date", label=_("Until"), sort_key="end_date"),
    ]
    panels = [
        FieldPanel("person", widget=person_chooser_viewset.widget_class),
        FieldPanel("panel"),
        FieldPanel("role"),
        FieldPanel("representing_landlord"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]
    inspect_view_fields = ["person", "panel", "role", "representing_landlord", "term"]


# Meetings


class MeetingForm(WagtailAdminModelForm):
    """Attendees are ticked from the panel's members, and must be members on the day."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        panel_id = str(self.data.get("panel") or self.instance.panel_id or "")
        people = Person.objects.filter(panel_memberships__isnull=False)
        if panel_id.isdigit():
            people = Person.objects.filter(panel_memberships__panel_id=panel_id)
            self.fields["attendees"].help_text = _("Members of the panel who came.")
        else:
            self.fields["attendees"].help_text = _(
                "Choose the panel first: start from the panel's page to see only its members."
            )
        self.fields["attendees"].queryset = people.distinct().order_by("name")

    def clean(self):
        cleaned = super().clean()
        panel, day, attendees = (cleaned.get(k) for k in ("panel", "date", "attendees"))
        if panel and day and attendees:
            members = set(
                Membership.objects.current(day)
                .filter(panel=panel)
                .values_list("person_id", flat=True)
            )
            outsiders = [str(p) for p in attendees if p.pk not in members]
            if outsiders:
                self.add_error(
                    "attendees",
                    gettext(
                        "Not members of %(panel)s on %(date)s: %(names)s. "
                        "Add their membership first, or untick them."
                    )
                    % {"panel": panel, "date": long_date(day), "names": ", ".join(outsiders)},
                )
        return cleaned


class MeetingFilterSet(WagtailFilterSet):
    panel = django_filters.ModelChoiceFilter(queryset=Panel.objects.all(), label=_("Panel"))
    this_year = django_filters.BooleanFilter(label=_("This year"), method="filter_this_year")

    class Meta:
        model = Meeting
        fields = []

    def filter_this_year(self, queryset, name, value):
        year = year_of(timezone.localdate())
        return yes_or_no(queryset, value, Q(date__range=(year.start, year.end)))


class MeetingIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("panel")
            .annotate(attended=Count("attendees"))
        )


class MeetingCreateView(PanelFromQueryMixin, snippet_views.CreateView):
    pass


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    menu_order = 30
    add_to_reference_index = False
    chooser_viewset_class = PrivateSnippetChooserViewSet
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    inspect_view_class = PlainInspectView
    inspect_view_enabled = True
    filterset_class = MeetingFilterSet
    search_fields = ["panel__name"]
    list_display = [
        Column("panel", label=_("Panel"), sort_key="panel__name"),
        DayColumn("date", label=_("Date"), sort_key="date"),
        Column("attended", label=_("Attended"), sort_key="attended"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("panel"),
            FieldPanel("date"),
            FieldPanel("attendees", widget=forms.CheckboxSelectMultiple),
            FieldPanel("notes_link"),
        ],
        base_form_class=MeetingForm,
    )
    inspect_view_fields = ["panel", "date", "attendees", "notes_link"]


class PanelsGroup(SnippetViewSetGroup):
    """Officers' work on standing groups; each item shows only with permission."""

    menu_label = _("Panels")
    menu_icon = "group"
    menu_order = 50
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_admin_menu = False
    items = (
        PanelViewSet,
        MembershipViewSet,
        MeetingViewSet,
    )
