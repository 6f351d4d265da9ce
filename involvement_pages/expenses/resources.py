"""The payment file: approved claims not yet paid, one row each, for the finance team.

Every cell passes through the register's formula escaping (``forms/spreadsheet.py``): names,
addresses and notes are typed by people and could otherwise run as spreadsheet formulas.
"""

from import_export.fields import Field

from forms.resources import SPREADSHEET_DATE_FORMAT
from forms.spreadsheet import FormulaEscapingResource
from involvement_pages.references import own_reference

from .models import ExpenseClaim

PAYMENT_COLUMNS = {
    "reference": "Reference",
    "name": "Name",
    "address": "Address",
    "postcode": "Postcode",
    "claim": "Claim",
    "activity": "Activity",
    "activity_date": "Date of activity",
    "approved_on": "Date approved",
    "amount": "Amount",
    "lines": "Costs",
}


class PaymentResource(FormulaEscapingResource):
    reference = Field()
    name = Field()
    address = Field()
    postcode = Field()
    claim = Field()
    activity = Field()
    activity_date = Field()
    approved_on = Field()
    amount = Field()
    lines = Field()

    class Meta:
        model = ExpenseClaim
        fields = tuple(PAYMENT_COLUMNS)
        export_order = fields

    def get_export_headers(self, selected_fields=None):
        return [PAYMENT_COLUMNS[f.column_name] for f in self.get_export_fields(selected_fields)]

    @staticmethod
    def prefetch(queryset):
        return queryset.select_related(
            "person", "opportunity", "event", "meeting__panel"
        ).prefetch_related("lines__option")

    def dehydrate_reference(self, claim):
        return claim.person.legacy_reference or own_reference(claim.person_id)

    def dehydrate_name(self, claim):
        return claim.person.name

    def dehydrate_address(self, claim):
        return " ".join(claim.person.address.split())  # one line: a cell, not a letter

    def dehydrate_postcode(self, claim):
        return claim.person.postcode

    def dehydrate_claim(self, claim):
        return own_reference(claim.pk)

    def dehydrate_activity(self, claim):
        return claim.activity_name

    def dehydrate_activity_date(self, claim):
        return claim.activity_date.strftime(SPREADSHEET_DATE_FORMAT)

    def dehydrate_approved_on(self, claim):
        return claim.approved_on.strftime(SPREADSHEET_DATE_FORMAT) if claim.approved_on else ""

    def dehydrate_amount(self, claim):
        return f"{claim.total:.2f}"

    def dehydrate_lines(self, claim):
        return "; ".join(line.description for line in claim.lines.all())
