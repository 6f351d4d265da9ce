"""A person's claims as a section of their page in the register.

The register (forms) cannot import this app, so it asks every app through a hook for the
sections it adds; this one answers only for staff who may see claims.
"""

from django.utils.translation import gettext

from .models import ExpenseClaim, average_days_to_pay
from .views import VIEW_CLAIMS


def person_claims_section(person, request):
    if not request.user.has_perm(VIEW_CLAIMS):
        return None
    claims = list(
        ExpenseClaim.objects.filter(person=person)
        .select_related("opportunity", "event", "meeting__panel")
        .with_totals()
    )
    if not claims:
        return None
    return {
        "title": gettext("Expense claims"),
        "template": "involvement_expenses/admin/person_claims.html",
        "context": {
            "claims": claims,
            "average_days_to_pay": average_days_to_pay(ExpenseClaim.objects.filter(person=person)),
        },
    }
