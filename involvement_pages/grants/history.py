"""The grant applications a person made, for their page in the register."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import GrantApplication


def applications_section(person, request):
    applications = list(
        GrantApplication.objects.filter(applicant_person=person)
        .select_related("fund", "round__fund", "applicant_group")
        .order_by("-received_on", "-pk")
    )
    if not applications:
        return None
    edit = GrantApplication.snippet_viewset.get_url_name("edit")
    return {
        "title": _("Grant applications"),
        "template": "involvement_grants/admin/history/applications.html",
        "context": {"applications": [(a, reverse(edit, args=[a.pk])) for a in applications]},
    }
