"""Expense claims: lines priced from the rates, totals, days to pay, and the checks on input."""

import datetime
import html
from decimal import Decimal

from django.contrib.auth.models import User
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from involvement_pages.expenses.models import (
    ClaimStatus,
    ExpenseClaim,
    average_days_to_pay,
    line_price,
)
from tests.forms.factories import PersonFactory
from tests.involvement_pages.money_factories import (
    ExpenseClaimFactory,
    ExpenseLineFactory,
    childcare,
    mileage,
    taxi,
)
from tests.involvement_pages.panels.factories import MeetingFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

OFFICERS = "Involvement officers"
ADD = "involvement_expense_claims:add"
EDIT = "involvement_expense_claims:edit"


@pytest.mark.parametrize(
    ("option", "quantity", "rate", "amount"),
    [
        (mileage, "12", "0.40", "4.80"),
        (mileage, "3.33", "0.40", "1.33"),  # 1.332: to the nearest penny
        (mileage, "1.25", "0.45", "0.56"),  # 0.5625: half a penny and more rounds up
        (childcare, "2.5", "7.00", "17.50"),
        (childcare, "24", "7.00", "168.00"),
    ],
)
def test_rated_lines_are_quantity_times_rate(option, quantity, rate, amount):
    support = option(rate)

    assert line_price(support, Decimal(quantity)) == (Decimal(rate), Decimal(amount))


def test_a_taxi_line_is_the_fare_itself():
    assert line_price(taxi(), Decimal("8.4")) == (None, Decimal("8.40"))


def test_a_claim_adds_up_its_lines():
    claim = ExpenseClaimFactory()
    ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("12"))
    ExpenseLineFactory(claim=claim, option=childcare(), quantity=Decimal("3"))
    ExpenseLineFactory(claim=claim, option=taxi(), quantity=Decimal("8.40"))

    assert claim.total == Decimal("34.20")  # 4.80 + 21.00 + 8.40
    assert claim.total_display == "£34.20"
    assert ExpenseClaim.objects.with_totals().get().total == Decimal("34.20")


def test_lines_say_what_was_claimed():
    claim = ExpenseClaimFactory()
    miles = ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("12"))
    hours = ExpenseLineFactory(claim=claim, option=childcare(), quantity=Decimal("2.5"))
    fare = ExpenseLineFactory(claim=claim, option=taxi(), quantity=Decimal("8.40"))

    assert miles.description == "Travel expenses: 12 miles at 40p, £4.80"
    assert hours.description == "Childcare costs: 2.5 hours at £7.00, £17.50"
    assert fare.description == "Free taxi or lift: at cost, £8.40"


def test_a_new_rate_leaves_claims_already_made_alone(client):
    travel = mileage("0.40")
    line = ExpenseLineFactory(option=travel, quantity=Decimal("10"))
    travel.rate = Decimal("0.45")
    travel.save()

    line.refresh_from_db()
    line.full_clean()

    assert line.amount == Decimal("4.00")
    assert line.rate == Decimal("0.40")


def test_days_to_pay_count_from_claim_to_payment():
    claim = ExpenseClaimFactory(
        submitted_on=datetime.date(2025, 6, 3), paid_on=datetime.date(2025, 6, 17)
    )
    unpaid = ExpenseClaimFactory(submitted_on=datetime.date(2025, 6, 3))

    assert claim.days_to_pay == 14
    assert unpaid.days_to_pay is None


def test_average_days_to_pay_counts_only_paid_claims():
    ExpenseClaimFactory(submitted_on=datetime.date(2025, 6, 1), paid_on=datetime.date(2025, 6, 4))
    ExpenseClaimFactory(submitted_on=datetime.date(2025, 6, 1), paid_on=datetime.date(2025, 6, 9))
    ExpenseClaimFactory(submitted_on=datetime.date(2025, 6, 1), paid_on=datetime.date(2025, 6, 9))
    ExpenseClaimFactory(submitted_on=datetime.date(2025, 6, 1))

    assert average_days_to_pay(ExpenseClaim.objects.all()) == Decimal("6.3")  # 19 / 3
    assert average_days_to_pay(ExpenseClaim.objects.filter(paid_on=None)) is None


# Through the admin form


def claim_form(person, panel_meeting, lines, **fields):
    data = {
        "person": person.pk,
        "opportunity": "",
        "event": "",
        "meeting": panel_meeting.pk,
        "activity_date": "2025-06-01",
        "submitted_on": "2025-06-03",
        "status": ClaimStatus.SUBMITTED,
        "rejection_reason": "",
        "paid_on": "",
        "notes": "",
        "lines": inline_formset(
            [
                {"option": o.pk, "quantity": q, "note": "", "ORDER": i}
                for i, (o, q) in enumerate(lines)
            ]
        ),
        "receipts": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def edit_form(claim, **fields):
    lines = [
        {"id": line.pk, "option": line.option_id, "quantity": line.quantity, "note": line.note}
        for line in claim.lines.all()
    ]
    data = {
        "person": claim.person_id,
        "opportunity": claim.opportunity_id or "",
        "event": claim.event_id or "",
        "meeting": claim.meeting_id or "",
        "activity_date": claim.activity_date.isoformat(),
        "submitted_on": claim.submitted_on.isoformat(),
        "status": claim.status,
        "rejection_reason": claim.rejection_reason,
        "paid_on": claim.paid_on.isoformat() if claim.paid_on else "",
        "notes": claim.notes,
        "lines": inline_formset(lines, initial=len(lines)),
        "receipts": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def person():
    return PersonFactory(name="Maureen Tully", email="maureen@example.com")


@pytest.fixture
def meeting():
    return MeetingFactory(date=datetime.date(2025, 6, 1))


def page_text(response):
    return html.unescape(response.content.decode())


def test_an_officer_enters_a_claim_priced_from_the_rates(client, person, meeting):
    officer = staff(client, OFFICERS)
    travel, care = mileage(), childcare()

    response = client.post(
        reverse(ADD), claim_form(person, meeting, [(travel, "12"), (care, "2.5")])
    )

    assert response.status_code == 302, page_text(response)
    claim = ExpenseClaim.objects.get()
    assert claim.person == person
    assert claim.submitted_by == officer
    assert claim.status == ClaimStatus.SUBMITTED
    assert [line.amount for line in claim.lines.order_by("sort_order")] == [
        Decimal("4.80"),
        Decimal("17.50"),
    ]
    assert claim.total == Decimal("22.30")


def test_an_amount_typed_for_a_rated_line_is_ignored(client, person, meeting):
    staff(client, OFFICERS)
    data = claim_form(person, meeting, [(mileage(), "12")])
    data["lines-0-amount"] = "999"
    data["lines-0-rate"] = "10"

    client.post(reverse(ADD), data)

    line = ExpenseClaim.objects.get().lines.get()
    assert (line.rate, line.amount) == (Decimal("0.40"), Decimal("4.80"))


@pytest.mark.parametrize(
    ("make_option", "quantity", "message"),
    [
        (mileage, "-12", "The distance cannot be negative."),
        (childcare, "-1", "Childcare hours cannot be negative."),
        (taxi, "-8.40", "The amount cannot be negative."),
        (
            childcare,
            "25",
            "Childcare is claimed for one day's activity: 25 hours is more than "
            "the 24 hours in a day.",
        ),
        (mileage, "0", "Enter more than 0, or remove this line."),
    ],
)
def test_bad_costs_are_refused_with_a_clear_message(
    client, person, meeting, make_option, quantity, message
):
    staff(client, OFFICERS)

    response = client.post(reverse(ADD), claim_form(person, meeting, [(make_option(), quantity)]))

    assert response.status_code == 200
    assert message in page_text(response)
    assert not ExpenseClaim.objects.exists()


def test_childcare_lines_over_a_day_between_them_are_refused(client, person, meeting):
    staff(client, OFFICERS)
    care = childcare()

    response = client.post(reverse(ADD), claim_form(person, meeting, [(care, "14"), (care, "12")]))

    assert "The childcare lines add up to 26 hours, more than the 24 hours in a day." in page_text(
        response
    )
    assert not ExpenseClaim.objects.exists()


def test_a_claim_with_no_costs_is_refused(client, person, meeting):
    staff(client, OFFICERS)

    response = client.post(reverse(ADD), claim_form(person, meeting, []))

    assert "A claim must be for more than £0: add at least one cost." in page_text(response)
    assert not ExpenseClaim.objects.exists()


def test_a_claim_whose_lines_are_all_removed_is_refused(client, person, meeting):
    staff(client, OFFICERS)
    data = claim_form(person, meeting, [(mileage(), "12")])
    data["lines-0-DELETE"] = "1"

    response = client.post(reverse(ADD), data)

    assert "A claim must be for more than £0: add at least one cost." in page_text(response)
    assert not ExpenseClaim.objects.exists()


def test_a_claim_needs_one_activity(client, person, meeting):
    staff(client, OFFICERS)

    response = client.post(
        reverse(ADD), claim_form(person, meeting, [(mileage(), "12")], meeting="")
    )

    assert "Choose what the claim is for" in page_text(response)
    assert not ExpenseClaim.objects.exists()


def test_an_activity_in_the_future_is_refused(client, person, meeting):
    staff(client, OFFICERS)
    later = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()

    response = client.post(
        reverse(ADD),
        claim_form(person, meeting, [(mileage(), "12")], activity_date=later, submitted_on=later),
    )

    assert "The activity cannot be in the future." in page_text(response)


def test_a_new_claim_cannot_start_approved(client, person, meeting):
    staff(client, OFFICERS)

    response = client.post(
        reverse(ADD), claim_form(person, meeting, [(mileage(), "12")], status="approved")
    )

    assert "A new claim starts as submitted" in page_text(response)
    assert not ExpenseClaim.objects.exists()


# Approval


@pytest.fixture
def entered_claim(person):
    """A claim entered by another officer, Jo."""
    jo = User.objects.create_user("jo", email="jo@thirteen.example")
    claim = ExpenseClaimFactory(person=person, submitted_by=jo)
    ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("12"))
    return claim


def test_another_officer_approves_a_claim(client, entered_claim):
    officer = staff(client, OFFICERS)

    response = client.post(
        reverse(EDIT, args=[entered_claim.pk]), edit_form(entered_claim, status="approved")
    )

    assert response.status_code == 302, page_text(response)
    entered_claim.refresh_from_db()
    assert entered_claim.status == ClaimStatus.APPROVED
    assert entered_claim.approved_by == officer
    assert entered_claim.approved_on == datetime.date.today()


def test_the_officer_who_entered_a_claim_cannot_approve_it(client, person):
    jo = staff(client, OFFICERS, username="jo")
    claim = ExpenseClaimFactory(person=person, submitted_by=jo)
    ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("12"))

    response = client.post(reverse(EDIT, args=[claim.pk]), edit_form(claim, status="approved"))

    assert "You entered this claim, so another officer must approve and pay it." in page_text(
        response
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.approved_by is None


def test_an_officer_cannot_approve_a_claim_for_themselves(client, entered_claim):
    officer = staff(client, OFFICERS)
    officer.email = "Maureen@Example.com "  # the claimant's address, typed differently
    officer.save()

    response = client.post(
        reverse(EDIT, args=[entered_claim.pk]), edit_form(entered_claim, status="approved")
    )

    assert "This claim is for Maureen Tully, whose email address is on your account" in page_text(
        response
    )
    entered_claim.refresh_from_db()
    assert entered_claim.status == ClaimStatus.SUBMITTED


def test_rejecting_needs_a_reason(client, entered_claim):
    staff(client, OFFICERS)

    response = client.post(
        reverse(EDIT, args=[entered_claim.pk]), edit_form(entered_claim, status="rejected")
    )

    assert "Say why the claim is rejected." in page_text(response)
    entered_claim.refresh_from_db()
    assert entered_claim.status == ClaimStatus.SUBMITTED


def test_a_submitted_claim_cannot_be_paid_before_it_is_approved(client, entered_claim):
    staff(client, OFFICERS)

    response = client.post(
        reverse(EDIT, args=[entered_claim.pk]), edit_form(entered_claim, status="paid")
    )

    assert "A claim that is submitted can be approved or rejected next, not paid." in page_text(
        response
    )


def test_paying_an_approved_claim_records_the_day(client, entered_claim):
    staff(client, OFFICERS)
    ExpenseClaim.objects.filter(pk=entered_claim.pk).update(status=ClaimStatus.APPROVED)
    entered_claim.refresh_from_db()

    response = client.post(
        reverse(EDIT, args=[entered_claim.pk]), edit_form(entered_claim, status="paid")
    )

    assert response.status_code == 302, page_text(response)
    entered_claim.refresh_from_db()
    assert entered_claim.status == ClaimStatus.PAID
    assert entered_claim.paid_on == datetime.date.today()


def test_the_costs_of_an_approved_claim_cannot_change(client, entered_claim):
    staff(client, OFFICERS)
    ExpenseClaim.objects.filter(pk=entered_claim.pk).update(status=ClaimStatus.APPROVED)
    entered_claim.refresh_from_db()
    data = edit_form(entered_claim)
    data["lines-0-quantity"] = "120"

    response = client.post(reverse(EDIT, args=[entered_claim.pk]), data)

    assert "The costs of a claim that is approved, rejected or paid cannot change." in page_text(
        response
    )
    assert entered_claim.lines.get().amount == Decimal("4.80")


def test_a_date_paid_on_an_unpaid_claim_is_refused(client, entered_claim):
    staff(client, OFFICERS)

    response = client.post(
        reverse(EDIT, args=[entered_claim.pk]), edit_form(entered_claim, paid_on="2025-06-20")
    )

    assert "Enter the date paid only when you mark the claim paid." in page_text(response)
    entered_claim.refresh_from_db()
    assert entered_claim.paid_on is None
