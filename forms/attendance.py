"""An officer marks who came to an event people signed up for: one tick per sign-up.

The tick writes ``SignUp.attended_on``, the only record of attending a signed-up event: the
person's history, training courses and "involved this year" all read it, so nothing is typed
twice. Only people holding a place are listed; someone on the waiting list or who cancelled
did not have a seat to come to.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .choices import SignUpStatus
from .models import SignUp, SignUpFormPage


class SignUpChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.person.name


class AttendanceForm(forms.Form):
    came_on = forms.DateField(
        label=_("Date of the event"),
        help_text=_("For example 27 3 2027. Today unless you change it."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date of the event"),
            "invalid": _("Enter the date as day, month and year, for example 27/03/2027"),
        },
    )
    came = SignUpChoice(
        queryset=SignUp.objects.none(),
        required=False,
        label=_("Who came"),
        help_text=_("Tick everyone who came. Untick someone marked by mistake."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, sign_ups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["came"].queryset = sign_ups

    def clean_came_on(self):
        day = self.cleaned_data["came_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future: mark attendance after it."))
        return day


class AttendanceMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_policy = ModelPermissionPolicy(SignUp)
    permission_required = "change"
    header_icon = "tick"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("involvement_sign_ups:index"), "label": _("Sign-ups")},
            {"url": reverse("involvement_sign_ups:attendance_index"), "label": _("Attendance")},
        ]


class AttendanceIndexView(AttendanceMixin, TemplateView):
    """Every sign-up form, with how many hold a place and how many were marked as coming."""

    template_name = "involvement_forms/admin/attendance_index.html"
    page_title = _("Mark who came")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        place = Q(signup__status=SignUpStatus.PLACE)
        context["form_pages"] = SignUpFormPage.objects.annotate(
            places=Count("signup", filter=place),
            came=Count("signup", filter=place & Q(signup__attended_on__isnull=False)),
        ).order_by("title")
        return context


class MarkAttendanceView(AttendanceMixin, FormView):
    template_name = "involvement_forms/admin/mark_attendance.html"
    form_class = AttendanceForm
    page_title = _("Mark who came")

    @cached_property
    def form_page(self):
        # Looked up once the permission check has passed, so nobody else learns which exist.
        return get_object_or_404(SignUpFormPage, pk=self.kwargs["page_id"])

    def get_page_subtitle(self):
        return self.form_page.title

    def sign_ups(self):
        return (
            SignUp.objects.filter(page=self.form_page, status=SignUpStatus.PLACE)
            .select_related("person")
            .order_by("person__name", "pk")
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sign_ups": self.sign_ups()}

    def get_initial(self):
        return {
            "came_on": timezone.localdate(),
            "came": [s.pk for s in self.sign_ups() if s.attended_on],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_page"] = self.form_page
        context["marked"] = {s.pk: s.attended_on for s in self.sign_ups() if s.attended_on}
        return context

    def form_valid(self, form):
        day = form.cleaned_data["came_on"]
        ticked = {s.pk for s in form.cleaned_data["came"]}
        rows = self.sign_ups()
        with transaction.atomic():
            # A date already recorded is kept: ticking again is not coming again.
            newly = rows.filter(pk__in=ticked, attended_on__isnull=True).update(attended_on=day)
            cleared = rows.exclude(pk__in=ticked).filter(attended_on__isnull=False)
            cleared = cleared.update(attended_on=None)
        message = ngettext(
            "%(count)d person marked as coming.", "%(count)d people marked as coming.", newly
        ) % {"count": newly}
        if cleared:
            message += " " + ngettext(
                "%(count)d mark removed.", "%(count)d marks removed.", cleared
            ) % {"count": cleared}
        messages.success(self.request, message)
        return redirect("involvement_sign_ups:attendance", page_id=self.form_page.pk)
