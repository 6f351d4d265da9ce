"""The grant applications a person made, for their subject access export."""

from django.utils.translation import gettext

from forms.subject_access import DataSection

from .models import GrantApplication


def applications_data(person):
    applications = (
        GrantApplication.objects.filter(applicant_person=person)
        .select_related("fund", "round__fund", "applicant_group", "online_form")
        .order_by("received_on", "pk")
    )
    rows = []
    for application in applications:
        online = getattr(application, "online_form", None)
        rows.append(
            {
                gettext("Fund"): str(application.fund),
                gettext("Round"): str(application.round or ""),
                gettext("Date received"): application.received_on,
                gettext("Group"): str(application.applicant_group or ""),
                gettext("Group or organisation"): application.applicant_name,
                gettext("Project"): application.project,
                gettext("What the money is for"): application.description,
                gettext("Amount requested"): application.amount_requested,
                gettext("Status"): application.get_status_display(),
                gettext("Amount awarded"): application.amount_awarded,
                gettext("Decision date"): application.decision_date,
                gettext("Answers to extra questions"): online.form_data if online else {},
            }
        )
    return [
        DataSection(
            "grant-applications",
            gettext("Grant applications"),
            gettext("Grant applications they made, for themselves or as a group's contact."),
            rows,
        )
    ]
