"""An officer adding a sign-up for someone who booked by phone or in person.

The page's places and waiting list decide as they do for a resident: a place only while
places are left, the waiting list only where the page keeps one.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm

from .choices import SignUpStatus
from .models import SignUp, SignUpFormPage
from .signups import places_taken


class SignUpAddForm(WagtailAdminModelForm):
    page = forms.ModelChoiceField(
        queryset=SignUpFormPage.objects.order_by("title"), label=gettext_lazy("Form")
    )

    class Meta:
        model = SignUp
        fields = ["person", "page", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Answers to the page's own questions are asked by the form, not by an officer.
        self.instance.form_data = {}

    def clean(self):
        cleaned = super().clean()
        page, status = cleaned.get("page"), cleaned.get("status")
        if page is None:
            return cleaned
        page = page.specific
        full = page.capacity is not None and places_taken(page) >= page.capacity
        if status == SignUpStatus.PLACE and full:
            if page.waiting_list:
                message = _("All %(capacity)s places are taken. Choose “On the waiting list”.")
            else:
                message = _("All %(capacity)s places are taken and this form has no waiting list.")
            self.add_error("status", ValidationError(message % {"capacity": page.capacity}))
        if status == SignUpStatus.WAITING and not page.waiting_list:
            self.add_error("status", _("This form has no waiting list."))
        return cleaned
