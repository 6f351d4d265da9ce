"""Consultation responses past the form answers' period keep their answers (anonymous, and
needed for the results) but lose the name and contact a resident chose to give."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forms.retention import Outcome, RetentionRule

from .models import ConsultationResponse


def clear_respondent_details(cutoff, dry_run):
    outcome = Outcome(_("Consultation names and contacts"), "")
    old = ConsultationResponse.objects.filter(submit_time__lt=cutoff).filter(
        ~Q(respondent_name="") | ~Q(respondent_contact="")
    )
    if dry_run:
        outcome.removed = old.count()
    else:
        outcome.removed = old.update(respondent_name="", respondent_contact="")
    return outcome


def consultation_rules():
    return [
        RetentionRule(
            _("Consultation names and contacts"),
            "form_answers_months",
            "months",
            clear_respondent_details,
        )
    ]
