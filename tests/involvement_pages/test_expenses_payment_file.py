"""The payment file: approved claims not yet paid, each with what the finance team needs."""

import csv
import datetime
import io
from decimal import Decimal

from django.urls import reverse

import pytest

from involvement_pages.expenses.models import ClaimStatus
from tests.forms.factories import PersonFactory
from tests.involvement_pages.money_factories import (
    ExpenseClaimFactory,
    ExpenseLineFactory,
    childcare,
    mileage,
    taxi,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db

OFFICERS = "Involvement officers"


def rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def approved_claim(person, *lines, status=ClaimStatus.APPROVED, approved_on=None):
    claim = ExpenseClaimFactory(
        person=person,
        status=status,
        approved_on=approved_on or datetime.date(2025, 6, 10),
        paid_on=datetime.date(2025, 6, 20) if status == ClaimStatus.PAID else None,
    )
    for option, quantity in lines:
        ExpenseLineFactory(claim=claim, option=option, quantity=Decimal(quantity))
    return claim


def test_the_payment_file_lists_approved_unpaid_claims_with_their_costs(client):
    staff(client, OFFICERS)
    travel, care, cab = mileage(), childcare(), taxi()
    maureen = PersonFactory(
        name="Maureen Tully",
        legacy_reference="CV-0042",
        address="12 Church Close\nHartlepool",
        postcode="TS24 0QP",
    )
    owen = PersonFactory(name="Owen Price", address="", postcode="")
    first = approved_claim(maureen, (travel, "12"), (care, "3"), (cab, "8.40"))
    approved_claim(owen, (travel, "20"), approved_on=datetime.date(2025, 6, 12))
    approved_claim(owen, (travel, "5"), status=ClaimStatus.PAID)
    approved_claim(owen, (travel, "5"), status=ClaimStatus.SUBMITTED)
    approved_claim(owen, (travel, "5"), status=ClaimStatus.REJECTED)

    response = client.get(reverse("involvement_expense_claims:payment_file"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    found = rows(response)
    assert [row["Name"] for row in found] == ["Maureen Tully", "Owen Price"]
    assert found[0] == {
        "Reference": "CV-0042",
        "Name": "Maureen Tully",
        "Address": "12 Church Close Hartlepool",
        "Postcode": "TS24 0QP",
        "Claim": f"ID-{first.pk}",
        "Activity": str(first.meeting.panel),
        "Date of activity": "01/06/2025",
        "Date approved": "10/06/2025",
        "Amount": "34.20",
        "Costs": "Travel expenses: 12 miles at 40p, £4.80; Childcare costs: 3 hours at £7.00, "
        "£21; Free taxi or lift: at cost, £8.40",
    }
    assert found[1]["Reference"] == f"ID-{owen.pk}"
    assert found[1]["Amount"] == "8.00"


def test_the_payment_file_keeps_formulas_inert(client):
    staff(client, OFFICERS)
    person = PersonFactory(name='=HYPERLINK("http://evil.example","pay me")', address="+44 1")
    approved_claim(person, (mileage(), "12"))

    found = rows(client.get(reverse("involvement_expense_claims:payment_file")))

    assert found[0]["Name"] == '\'=HYPERLINK("http://evil.example","pay me")'
    assert found[0]["Address"] == "'+44 1"


def test_the_payment_file_is_empty_when_nothing_is_owed(client):
    staff(client, OFFICERS)

    found = rows(client.get(reverse("involvement_expense_claims:payment_file")))

    assert found == []
