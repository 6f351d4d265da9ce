"""The register, sign-ups and equality answers in the admin's "Involvement" menu.

These are Wagtail ``ModelViewSet``s rather than wagtail-modeladmin, which is clearly better
here: modeladmin is Wagtail's retired admin kept alive as a separate package, and it cannot
join the "Involvement" menu group (a ``ViewSetGroup``) through ``menu_hook``. A viewset
gives permission-checked menu items and views, django-filter filters, an inspect view and
the same spreadsheet buttons as the rest of the admin, all from Wagtail itself.

Exports go through django-import-export resources (``forms/resources.py``), so each cell
is escaped against spreadsheet formulas.
"""

import datetime

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from involvement_pages.admin_columns import DayColumn
from involvement_pages.admin_filters import tick_choices, tick_rows
from involvement_pages.snippets import Area, Landlord, ServiceArea
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK
from involvement_pages.years import start_month, year_of

from .ages import DERIVED_BANDS, birth_dates_in_band
from .attendance import AttendanceIndexView, MarkAttendanceView
from .audit import log_equality_viewed, log_person_viewed
from .choices import (
    AgeBand,
    Disability,
    Ethnicity,
    Gender,
    Religion,
    SexualOrientation,
    SignUpStatus,
    Tenure,
)
from .emails import offer_places_on_commit
from .erasure_views import PersonEraseView
from .involvement import (
    NOT_INVOLVED_12_MONTHS,
    involved_between,
    last_twelve_months,
    person_history,
    this_year,
)
from .models import (
    Availability,
    CommunicationNeed,
    EqualityMonitoring,
    Person,
    SignUp,
    SignUpFormPage,
    SupportNeed,
)
from .models.people import PERSON_COLUMNS
from .person_form import PersonAdminForm
from .resources import EqualityResource, PersonResource, SignUpResource
from .signup_form import SignUpAddForm
from .signups import fill_places
from .subject_access_views import ExportPersonView

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ResourceExportMixin:
    """Wagtail's "Download CSV / XLSX" buttons, written by a django-import-export resource."""

    resource_class = None

    def as_spreadsheet(self, queryset, spreadsheet_format):
        dataset = self.resource_class().export(self.resource_class.prefetch(queryset))
        content = dataset.export(spreadsheet_format)
        if spreadsheet_format == "csv":
            content = "\ufeff" + content  # a BOM, so Excel reads names like Siobhán correctly
        response = HttpResponse(content, content_type=CONTENT_TYPES[spreadsheet_format])
        stamp = timezone.localdate().isoformat()
        filename = f"{self.export_filename}-{stamp}.{spreadsheet_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def in_age_bands(queryset, name, bands):
    """People whose date of birth puts them in any of ``bands`` today."""
    if not bands:
        return queryset
    condition = Q()
    for band in bands:
        born_after, born_by = birth_dates_in_band(band)
        in_band = Q(date_of_birth__lte=born_by)
        if born_after is not None:
            in_band &= Q(date_of_birth__gt=born_after)
        condition |= in_band
    return queryset.filter(condition)


INVOLVED_THIS_YEAR = "this_year"
INVOLVEMENT_CHOICES = [
    (INVOLVED_THIS_YEAR, _("Involved at least once this year")),
    (NOT_INVOLVED_12_MONTHS, _("Not involved in the last 12 months")),
]


def by_involvement(queryset, name, value):
    """The register's two questions about involvement; see ``forms/involvement.py``."""
    if value == INVOLVED_THIS_YEAR:
        return queryset.filter(involved_between(*this_year()))
    if value == NOT_INVOLVED_12_MONTHS:
        return queryset.exclude(involved_between(*last_twelve_months()))
    return queryset


def involved_in_year(queryset, name, value):
    """People involved in the landlord's year that starts in ``value`` (2025: 2025/26), as
    the dashboard counts them, so its figure and this list agree."""
    if value is None:
        return queryset
    year = year_of(datetime.date(value, start_month(), 1))
    return queryset.filter(involved_between(year.start, year.end))


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PersonFilterSet(WagtailFilterSet):
    is_active = django_filters.BooleanFilter(label=_("Active"))
    involvement = django_filters.ChoiceFilter(
        choices=INVOLVEMENT_CHOICES,
        label=_("Involvement"),
        empty_label=_("Anyone"),
        method=by_involvement,
    )
    involved_in = YearFilter(
        label=_("Involved in the year starting"),
        help_text=_("The first year of a financial year: 2025 for 2025/26."),
        method=involved_in_year,
        min_value=2000,
        max_value=2100,
    )
    age_band = tick_choices(DERIVED_BANDS, _("Age band (from date of birth)"), method=in_age_bands)
    area = tick_rows(Area.objects.all(), _("Area"), distinct=True)
    landlord = tick_rows(Landlord.objects.all(), _("Landlord"), distinct=True)
    tenure = tick_choices(Tenure.choices, _("Tenure"))
    interests = tick_rows(ServiceArea.objects.all(), _("Interests"), distinct=True)
    availability = tick_rows(Availability.objects.all(), _("Availability"), distinct=True)
    support_needs = tick_rows(SupportNeed.objects.all(), _("Support needs"), distinct=True)
    communication_needs = tick_rows(
        CommunicationNeed.objects.all(), _("Communication needs"), distinct=True
    )

    class Meta:
        model = Person
        fields = []


class PersonIndexView(ResourceExportMixin, IndexView):
    resource_class = PersonResource

    def get_base_queryset(self):
        # An erased person is a placeholder that keeps others' records counting, not a
        # resident: nobody to list, contact or download.
        queryset = super().get_base_queryset().filter(erased_at__isnull=True)
        return queryset.select_related("area", "landlord")


ERASED_NOT_EDITED = _(
    "This person was erased on request. Nothing about them is held any more, so there is "
    "nothing to edit: their records of taking part stay under \u201cErased person\u201d."
)


class PersonEditView(EditView):
    """Refuses an erased person: typing details back in would undo the erasure."""

    def refuse_if_erased(self, request):
        self.object = self.get_object()
        if self.object.erased_at:
            messages.error(request, ERASED_NOT_EDITED)
            return redirect(self.inspect_url_name, quote(self.object.pk))
        return None

    # After the permission check (dispatch), so nobody else learns who was erased.
    def get(self, request, *args, **kwargs):
        return self.refuse_if_erased(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_if_erased(request) or super().post(request, *args, **kwargs)


class PersonInspectView(InspectView):
    template_name = "involvement_forms/admin/person_inspect.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_person_viewed(self.object, request.user)
        return response

    def get_edit_url(self):
        if self.object.erased_at:
            return None
        return super().get_edit_url()

    def get_delete_url(self):
        if self.object.erased_at:
            return None
        return super().get_delete_url()

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        url = reverse("involvement_register:export_person", args=[self.object.pk])
        buttons.append(
            HeaderButton(_("Download everything we hold"), url=url, icon_name="download")
        )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["sign_ups"] = person.sign_ups.select_related("page").order_by("-submit_time")
        context["register_entries"] = person.register_entries.select_related("page")
        # What they take part in, from each app that keeps a record of it.
        context["history_sections"] = person_history(person, self.request)
        user = self.request.user
        if user.has_perm("involvement_forms.view_equalitymonitoring"):
            equality = EqualityMonitoring.objects.filter(person=person).first()
            context["equality_url"] = (
                reverse("involvement_equality:inspect", args=[equality.pk]) if equality else None
            )
            context["can_see_equality"] = True
        return context

    @cached_property
    def header_more_buttons(self):
        # Wagtail's "Delete" leads to erasure (PersonEraseView): call it that.
        buttons = list(getattr(super(), "header_more_buttons", []))
        for button in buttons:
            if button.url == self.get_delete_url():
                button.label = _("Erase this person")
        return buttons


class PersonViewSet(ModelViewSet):
    model = Person
    name = "involvement_register"
    icon = "group"
    menu_label = _("Register")
    menu_order = 20
    menu_hook = INVOLVEMENT_MENU_HOOK
    # Leave people out of Wagtail's reference index: its "usage" pages, open to editors who
    # manage areas and landlords, would otherwise list residents' names.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = PersonIndexView
    inspect_view_class = PersonInspectView
    edit_view_class = PersonEditView
    delete_view_class = PersonEraseView
    delete_template_name = PersonEraseView.template_name
    filterset_class = PersonFilterSet
    # Personal data stays out of the site-wide search index; the list searches the table.
    search_backend_name = None
    search_fields = ["name", "email", "phone", "mobile", "landline", "postcode", "legacy_reference"]
    list_display = [
        "name",
        Column("contact", label=_("Email or phone")),
        Column("area", label=_("Area")),
        Column("landlord", label=_("Landlord")),
        Column("get_tenure_display", label=_("Tenure")),
        BooleanColumn("is_active", label=_("Active")),
        DayColumn("date_joined", label=_("Joined")),
    ]
    list_export = ["name"]  # shows the download buttons; the resource decides the columns
    export_filename = "involvement-register"
    # The age band follows the date of birth: shown beside it, never typed.
    inspect_view_fields = [
        *(f for f in PERSON_COLUMNS if f != "date_of_birth"),
        "date_of_birth",
        "age_band",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("mobile"),
                FieldPanel("landline"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("contact_method"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel("tenure"), FieldPanel("landlord"), FieldPanel("area")], heading=_("Home")
        ),
        MultiFieldPanel(
            [
                FieldPanel("interests", widget=forms.CheckboxSelectMultiple),
                FieldPanel("ways_to_take_part", widget=forms.CheckboxSelectMultiple),
                FieldPanel("availability", widget=forms.CheckboxSelectMultiple),
                FieldPanel("skills"),
            ],
            heading=_("Interests and availability"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("communication_needs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("language"),
                FieldPanel("support_needs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("other_needs"),
            ],
            heading=_("Needs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("how_heard"),
                FieldPanel("date_joined"),
                FieldPanel("is_active"),
                FieldPanel("legacy_reference"),
            ],
            heading=_("On the register"),
        ),
        MultiFieldPanel(
            [FieldPanel("date_of_birth")],
            heading=_("Monitoring"),
            help_text=_("Their age band follows from this; it is not shown to residents."),
        ),
    ]
    edit_handler = ObjectList(panels, base_form_class=PersonAdminForm)

    def get_urlpatterns(self):
        export = ExportPersonView.as_view(permission_policy=self.permission_policy)
        return [*super().get_urlpatterns(), path("export/<int:pk>/", export, name="export_person")]


class SignUpFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        queryset=SignUpFormPage.objects.order_by("title"), label=_("Form")
    )
    status = tick_choices(SignUpStatus.choices, _("Status"))

    class Meta:
        model = SignUp
        fields = []


class SignUpIndexView(ResourceExportMixin, IndexView):
    resource_class = SignUpResource

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person", "page")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse("involvement_sign_ups:attendance_index")
            buttons.append(HeaderButton(_("Mark who came"), url=url, icon_name="tick"))
        return buttons


class SignUpEditView(EditView):
    """An officer who takes someone's place away gives it to the first person waiting."""

    def save_instance(self):
        had_place = SignUp.objects.filter(pk=self.object.pk, status=SignUpStatus.PLACE).exists()
        signup = super().save_instance()
        self.promoted = []
        if had_place and signup.status != SignUpStatus.PLACE:
            self.promoted = fill_places(signup.page.specific, passing_over=signup)
            offer_places_on_commit(self.promoted)
        return signup

    def save_action(self):
        response = super().save_action()
        for promoted in self.promoted:
            if promoted.person.email:
                message = _(
                    "%(person)s was first on the waiting list, now has the place and will get "
                    "an email."
                )
            else:
                message = _(
                    "%(person)s was first on the waiting list, now has the place and has no "
                    "email address, so please let them know."
                )
            messages.success(self.request, message % {"person": promoted.person})
        return response


class SignUpViewSet(ModelViewSet):
    model = SignUp
    name = "involvement_sign_ups"
    icon = "form"
    menu_label = _("Sign-ups")
    menu_order = 30
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SignUpIndexView
    edit_view_class = SignUpEditView
    filterset_class = SignUpFilterSet
    search_backend_name = None
    search_fields = ["person__name", "person__email", "person__phone"]
    ordering = ["-submit_time", "-pk"]
    list_display = [
        "person",  # the title column: a link to edit, with Inspect and Delete beside it
        Column("page", label=_("Form")),
        Column("get_status_display", label=_("Status")),
        DateColumn("submit_time", label=_("Signed up")),
    ]
    list_export = ["person"]
    export_filename = "sign-ups"
    inspect_view_fields = ["person", "page", "status", "attended_on", "submit_time", "form_data"]
    form_fields = ["status", "attended_on"]

    def get_form_class(self, for_update=False):
        return super().get_form_class(for_update) if for_update else SignUpAddForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("attendance/", AttendanceIndexView.as_view(), name="attendance_index"),
            path("attendance/<int:page_id>/", MarkAttendanceView.as_view(), name="attendance"),
        ]


class EqualityFilterSet(WagtailFilterSet):
    age_band = tick_choices(AgeBand.choices, _("Age"))
    gender = tick_choices(Gender.choices, _("Gender"))
    ethnicity = tick_choices(Ethnicity.choices, _("Ethnic group"))
    disability = tick_choices(Disability.choices, _("Disability"))
    sexual_orientation = tick_choices(SexualOrientation.choices, _("Sexual orientation"))
    religion = tick_choices(Religion.choices, _("Religion"))

    class Meta:
        model = EqualityMonitoring
        fields = []


class EqualityInspectView(InspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_equality_viewed(self.object, request.user)
        return response


class EqualityIndexView(ResourceExportMixin, IndexView):
    resource_class = EqualityResource

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person")


class ResidentsAnswersPolicy(ModelPermissionPolicy):
    """Equality answers come only from residents, each with the consent they gave on the form.

    An officer typing or changing them would record answers with no consent behind them, so
    nobody, not even a superuser, gets "Add" or "Edit"; viewing, and deleting on request,
    stay with the Equality data group.
    """

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


residents_answers_policy = ResidentsAnswersPolicy(EqualityMonitoring)


class EqualityViewSet(ModelViewSet):
    """Only the Equality data group sees this; answers are deleted here on request."""

    model = EqualityMonitoring
    name = "involvement_equality"
    icon = "view"
    menu_label = _("Equality monitoring")
    menu_order = 40
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = EqualityIndexView
    inspect_view_class = EqualityInspectView
    filterset_class = EqualityFilterSet
    # The group works without names (docs/officers.md): no search by name or email.
    search_fields = None
    ordering = ["-consent_given_at", "-pk"]
    if WAGTAIL_VERSION < (8, 0):
        # Wagtail 8 finds the policy in wagtail.permissions' registry (wagtail_hooks.py) and
        # deprecates this attribute; Wagtail 7 knows only this.
        permission_policy = residents_answers_policy
    list_display = [
        "person_number",  # the title column: a link to inspect, with Delete beside it
        Column("get_age_band_display", label=_("Age")),
        Column("get_gender_display", label=_("Gender")),
        Column("get_ethnicity_display", label=_("Ethnic group")),
        Column("get_disability_display", label=_("Disability")),
        DateColumn("consent_given_at", label=_("Consent given")),
    ]
    list_export = ["person_number"]
    export_filename = "equality-monitoring"
    inspect_view_fields = [
        "person_number",
        *EqualityMonitoring.ANSWER_FIELDS,
        "consent_given_at",
        "consent_version",
    ]
    form_fields = []
