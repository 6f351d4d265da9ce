"""Claims and receipts are for involvement officers only: never editors, never the public."""

import datetime
import html
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail import hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from involvement_pages.expenses.history import person_claims_section
from involvement_pages.expenses.models import ClaimStatus, ExpenseClaim, Receipt
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import OpportunityPageFactory
from tests.involvement_pages.money_factories import (
    ExpenseClaimFactory,
    ExpenseLineFactory,
    childcare,
    mileage,
    taxi,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db

EDITORS, OFFICERS = "Communications editors", "Involvement officers"
PDF = b"%PDF-1.4 receipt for a taxi from Hartlepool"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.INVOLVEMENT_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path


@pytest.fixture
def claim():
    claim = ExpenseClaimFactory(person=PersonFactory(name="Zebedee Secretname"))
    ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("12"))
    return claim


@pytest.fixture
def receipt(claim):
    receipt = Receipt(claim=claim)
    receipt.file.save("taxi.pdf", ContentFile(PDF))
    return receipt


def claim_urls(claim, receipt):
    return [
        reverse("involvement_expense_claims:index"),
        reverse("involvement_expense_claims:index") + "?q=Zebedee",
        reverse("involvement_expense_claims:add"),
        reverse("involvement_expense_claims:edit", args=[claim.pk]),
        reverse("involvement_expense_claims:inspect", args=[claim.pk]),
        reverse("involvement_expense_claims:delete", args=[claim.pk]),
        reverse("involvement_expense_claims:payment_file"),
        receipt.file.url,
    ]


def test_an_editor_is_refused_every_claim_address(client, claim, receipt):
    staff(client, EDITORS)

    for url in claim_urls(claim, receipt):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = b"".join(response) if response.streaming else response.content
        assert b"Zebedee" not in body, url
        assert PDF not in body, url


def test_an_editor_sees_no_expense_claims_in_the_menu(client, claim):
    staff(client, EDITORS)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Expense claims" not in page


def test_an_officer_sees_expense_claims_in_the_menu(client, claim):
    staff(client, OFFICERS)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Expense claims" in page


def test_an_officer_opens_every_claim_address(client, claim, receipt):
    staff(client, OFFICERS)

    for url in claim_urls(claim, receipt):
        assert client.get(url).status_code == 200, url


def test_the_public_cannot_reach_claims_or_receipts(client, claim, receipt):
    for url in claim_urls(claim, receipt):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert response.status_code != 302 or "/login/" in response["Location"], url


def test_a_receipt_has_no_public_address(client, receipt, private_media):
    stored = Path(receipt.file.path)

    assert stored.read_bytes() == PDF
    assert private_media / "media" not in stored.parents
    assert not receipt.file.url.startswith("/media/")
    assert receipt.file.url.startswith("/admin/")
    assert client.get(f"/media/{receipt.file.name}").status_code == 404


def test_an_officer_downloads_a_receipt(client, receipt):
    staff(client, OFFICERS)

    response = client.get(receipt.file.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_made_up_receipt_name_is_not_found(client, receipt):
    staff(client, OFFICERS)

    response = client.get(
        reverse("involvement_expense_claims:receipt", args=["receipts/../../settings.py"])
    )

    assert response.status_code == 404


def test_an_officer_sees_receipts_linked_on_the_claim(client, claim, receipt):
    staff(client, OFFICERS)

    page = client.get(reverse("involvement_expense_claims:inspect", args=[claim.pk]))

    text = html.unescape(page.content.decode())
    assert f'href="{receipt.file.url}"' in text
    assert "12 miles at 40p" in text
    assert "£4.80" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("receipt.exe", b"MZ", "File extension “exe” is not allowed."),
        ("receipt.pdf", b"<script>alert(1)</script>", "This file is not really a PDF."),
        ("receipt.png", b"", "The file is empty."),
    ],
)
def test_a_receipt_that_is_not_a_receipt_is_refused(client, claim, name, content, message):
    staff(client, OFFICERS)
    receipt = Receipt(claim=claim, file=ContentFile(content, name=name))
    receipt.file.name = name

    with pytest.raises(ValidationError) as refused:
        receipt.full_clean(exclude=["claim"])

    assert message in " ".join(refused.value.messages)


# The claims list


def add_claims(count, start):
    for n in range(start, start + count):
        claim = ExpenseClaimFactory(
            person=PersonFactory(name=f"Resident {n}"),
            status=ClaimStatus.PAID if n % 2 else ClaimStatus.SUBMITTED,
            submitted_on=datetime.date(2025, 6, 3),
            paid_on=datetime.date(2025, 6, 3 + n % 20) if n % 2 else None,
        )
        ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("10"))
        ExpenseLineFactory(claim=claim, option=childcare(), quantity=Decimal("2"))


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_claims_list_takes_the_same_queries_at_5_and_40_claims(client):
    staff(client, OFFICERS)
    url = reverse("involvement_expense_claims:index")
    add_claims(5, 0)
    few = queries(client, url)

    add_claims(35, 5)
    many = queries(client, url)

    assert many == few


def test_the_claims_list_shows_amounts_and_the_average_days_to_pay(client):
    staff(client, OFFICERS)
    for submitted, paid in ((1, 4), (1, 12)):
        claim = ExpenseClaimFactory(
            status=ClaimStatus.PAID,
            submitted_on=datetime.date(2025, 6, submitted),
            paid_on=datetime.date(2025, 6, paid),
        )
        ExpenseLineFactory(claim=claim, option=mileage(), quantity=Decimal("12"))

    text = html.unescape(client.get(reverse("involvement_expense_claims:index")).content.decode())

    assert "£4.80" in text
    assert "Days from claim to payment, on average: 7.0." in text


# The person's page


class Request:
    def __init__(self, user):
        self.user = user


def test_a_persons_claims_section_is_for_officers_only(client, claim):
    officer = staff(client, OFFICERS)
    editor = staff(client, EDITORS, username="editor")

    section = person_claims_section(claim.person, Request(officer))

    assert section["title"] == "Expense claims"
    assert [c.total for c in section["context"]["claims"]] == [Decimal("4.80")]
    assert person_claims_section(claim.person, Request(editor)) is None
    assert person_claims_section(PersonFactory(), Request(officer)) is None
    assert person_claims_section in hooks.get_hooks("involvement_person_history")


def test_an_editor_cannot_delete_a_support_option_claims_use(client, claim):
    staff(client, EDITORS)
    option = claim.lines.get().option
    delete = reverse("wagtailsnippets_involvement_pages_supportoption:delete", args=[option.pk])

    response = client.post(delete, follow=True)

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Travel expenses is kept by records that need it" in text
    assert "Zebedee" not in text
    assert claim.lines.get().option == option


def test_an_editor_sees_no_claimant_on_a_support_options_usage_page(client, claim):
    staff(client, EDITORS)
    option = claim.lines.get().option

    response = client.get(
        reverse("wagtailsnippets_involvement_pages_supportoption:usage", args=[option.pk])
    )

    assert response.status_code == 200
    assert b"Zebedee" not in response.content


def test_an_officer_uploads_a_receipt_with_a_claim_for_an_opportunity(client, menu, private_media):
    staff(client, OFFICERS)
    page = OpportunityPageFactory(parent=menu, title="Scrutiny Panel")
    person = PersonFactory(name="Maureen Tully")
    fare = taxi()
    add = reverse("involvement_expense_claims:add")
    assert 'enctype="multipart/form-data"' in client.get(add).content.decode()
    data = nested_form_data(
        {
            "person": person.pk,
            "opportunity": page.pk,
            "event": "",
            "meeting": "",
            "activity_date": "2025-06-01",
            "submitted_on": "2025-06-03",
            "status": "submitted",
            "rejection_reason": "",
            "paid_on": "",
            "notes": "",
            "lines": inline_formset([{"option": fare.pk, "quantity": "12.60", "note": ""}]),
            "receipts": inline_formset([{"file": SimpleUploadedFile("cab.pdf", PDF)}]),
        }
    )

    response = client.post(add, data)

    assert response.status_code == 302
    claim = ExpenseClaim.objects.get()
    assert claim.activity_name == "Scrutiny Panel"
    assert claim.total == Decimal("12.60")
    stored = Path(claim.receipts.get().file.path)
    assert stored.read_bytes() == PDF
    assert private_media / "private" in stored.parents


def test_deleting_a_claim_deletes_its_receipt_files(
    claim, receipt, django_capture_on_commit_callbacks
):
    stored = Path(receipt.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        claim.delete()

    assert not stored.exists()
