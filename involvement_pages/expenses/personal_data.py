"""A person's expense claims, line by line, for their subject access export.

Receipt files are not put in the zip: the index says so and the resident can ask for them.
"""

from django.utils.translation import gettext

from forms.subject_access import DataSection

from .models import ExpenseClaim


def claims_data(person):
    claims = (
        ExpenseClaim.objects.filter(person=person)
        .select_related("opportunity", "event", "meeting__panel")
        .prefetch_related("lines__option")
        .order_by("submitted_on", "pk")
    )
    rows = []
    for claim in claims:
        for line in claim.lines.all():
            rows.append(
                {
                    gettext("Claim number"): claim.pk,
                    gettext("Activity"): claim.activity_name,
                    gettext("Date of the activity"): claim.activity_date,
                    gettext("Date claimed"): claim.submitted_on,
                    gettext("Status"): claim.get_status_display(),
                    gettext("Reason for rejecting"): claim.rejection_reason,
                    gettext("Date approved"): claim.approved_on,
                    gettext("Date paid"): claim.paid_on,
                    gettext("Claim notes"): claim.notes,
                    gettext("Support"): str(line.option),
                    gettext("Miles, hours or pounds"): line.quantity,
                    gettext("Rate"): line.rate,
                    gettext("Amount"): line.amount,
                    gettext("Line note"): line.note,
                }
            )
    return [
        DataSection(
            "expense-claims",
            gettext("Expense claims"),
            gettext(
                "Their expense claims, one row per cost claimed, with what became of each "
                "claim. Receipt files are not included."
            ),
            rows,
        )
    ]
