"""Erasing a person on request: what goes, what stays (counted, with no name), and refusals."""

import datetime
import html

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

import pytest

from forms.choices import SignUpStatus
from forms.erasure import ERASE_ACTION, ErasureRefused, erase_person, plan_erasure
from forms.models import EqualityMonitoring, Person, RegisterSubmission, SignUp
from importers.models import ImportedRecord, ImportRun
from involvement_pages.consultations.models import ConsultationPage, ConsultationResponse
from involvement_pages.expenses.models import ClaimStatus, ExpenseClaim
from involvement_pages.grants.models import ApplicationStatus, GrantApplication
from involvement_pages.panels.models import Membership
from involvement_pages.roles import EDITORS, EQUALITY
from tests.forms.factories import (
    EqualityFactory,
    SignUpFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.money_factories import ExpenseClaimFactory, ExpenseLineFactory
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def siobhan():
    return PersonFactory(
        name="Siobhán Kelly",
        email="siobhan.kelly@example.com",
        phone="07700900123",
        address="4 Mill Lane",
        postcode="M1 1AA",
        other_needs="Step-free access",
        legacy_reference="CV-0042",
        date_of_birth=datetime.date(1960, 1, 31),
    )


def erase_url(person):
    return reverse("involvement_register:delete", args=[person.pk])


def confirm_page(client, person):
    response = client.get(erase_url(person))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_register_record_is_emptied_and_kept_as_erased_person(
    client, officer, siobhan, join_page
):
    EqualityFactory(person=siobhan)
    RegisterSubmission.objects.create(
        page=join_page,
        person=siobhan,
        form_data={"why": "I live on Mill Lane"},
    )

    response = client.post(erase_url(siobhan))

    assert response.status_code == 302
    person = Person.objects.get(pk=siobhan.pk)
    assert person.name == "Erased person"
    assert person.erased_at is not None
    assert not person.is_active
    for name in ("email", "phone", "address", "postcode", "other_needs", "legacy_reference"):
        assert getattr(person, name) == ""
    assert person.date_of_birth is None
    assert not EqualityMonitoring.objects.filter(person=person).exists()
    assert RegisterSubmission.objects.get(person=person).form_data == {}
    entry = ModelLogEntry.objects.get(action=ERASE_ACTION)
    assert entry.label == "Erased person"
    assert entry.object_id == str(person.pk)


def test_records_of_taking_part_keep_their_numbers_and_counts(client, officer, siobhan):
    panel = PanelFactory(name="Scrutiny Panel")
    memberships = [MembershipFactory(person=siobhan, panel=panel) for _ in range(4)]
    MeetingFactory(panel=panel, attendees=[siobhan])
    came = SignUpFactory(person=siobhan, attended_on=datetime.date(2026, 3, 1))
    application = GrantApplicationFactory(
        applicant_person=siobhan,
        status=ApplicationStatus.DECLINED,
        notes="Siobhán Kelly rang about this",
    )
    claim = ExpenseClaimFactory(person=siobhan, status=ClaimStatus.PAID)
    ExpenseLineFactory(claim=claim)

    client.post(erase_url(siobhan))

    assert list(Membership.objects.filter(person=siobhan).order_by("pk")) == memberships
    assert siobhan.panel_meetings.count() == 1
    assert SignUp.objects.get(pk=came.pk).attended_on == datetime.date(2026, 3, 1)
    application = GrantApplication.objects.get(pk=application.pk)
    assert application.applicant_person_id == siobhan.pk
    assert str(application.applicant_person) == "Erased person"
    assert "Siobhán" not in application.notes
    assert ExpenseClaim.objects.get(pk=claim.pk).person_id == siobhan.pk
    assert ExpenseClaim.objects.get(pk=claim.pk).total == claim.total


def test_an_unpaid_claim_refuses_erasure_with_the_reason(client, officer, siobhan):
    ExpenseLineFactory(claim=ExpenseClaimFactory(person=siobhan, status=ClaimStatus.APPROVED))

    page = confirm_page(client, siobhan)
    assert "This person cannot be erased yet" in page
    assert "1 expense claim is not paid yet" in page
    assert "Yes, erase this person" not in page

    response = client.post(erase_url(siobhan))
    assert response.status_code == 409
    assert Person.objects.get(pk=siobhan.pk).name == "Siobhán Kelly"
    with pytest.raises(ErasureRefused):
        erase_person(siobhan)


def test_an_application_being_decided_refuses_erasure(siobhan):
    GrantApplicationFactory(applicant_person=siobhan, status=ApplicationStatus.RECEIVED)

    assert "still being decided" in plan_erasure(siobhan).refusals[0]


def test_a_freed_place_goes_to_the_first_person_waiting_who_gets_an_email(
    client, officer, siobhan, menu, django_capture_on_commit_callbacks
):
    page = SignUpFormPageFactory(parent=menu, capacity=1, waiting_list=True)
    held = SignUpFactory(page=page, person=siobhan, status=SignUpStatus.PLACE)
    waiting = SignUpFactory(
        page=page, person=PersonFactory(email="next@example.com"), status=SignUpStatus.WAITING
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(erase_url(siobhan))

    assert SignUp.objects.get(pk=held.pk).status == SignUpStatus.CANCELLED
    assert SignUp.objects.get(pk=waiting.pk).status == SignUpStatus.PLACE
    to_residents = [m.to for m in mail.outbox if "next@example.com" in m.to]
    assert to_residents == [["next@example.com"]]
    assert "place" in mail.outbox[0].subject.lower() or "place" in mail.outbox[0].body.lower()


def test_log_entries_and_import_copies_lose_the_name_and_email(client, officer, siobhan):
    log(instance=siobhan, action="wagtail.edit", data={"email": "siobhan.kelly@example.com"})
    other = PersonFactory(name="Ben Example")
    log(instance=other, action="wagtail.edit", data={"note": "same day as Siobhán Kelly"})
    ImportedRecord.objects.create(
        resource="people",
        reference="CV-0042",
        fingerprint="abc",
        object_id=siobhan.pk,
        label="Siobhán Kelly",
    )
    run = ImportRun.objects.create(
        file_name="register.csv",
        report={"rows": [{"values": ["CV-0042", "Siobhán Kelly", "SIOBHAN.KELLY@example.com"]}]},
    )

    client.post(erase_url(siobhan))

    person_type = ContentType.objects.get_for_model(Person)
    for entry in ModelLogEntry.objects.filter(content_type=person_type):
        text = f"{entry.label} {entry.data}".lower()
        assert "siobh" not in text, text
    assert ModelLogEntry.objects.filter(label="Ben Example").exists()
    record = ImportedRecord.objects.get(reference="CV-0042")
    assert (record.label, record.fingerprint) == ("", "")
    assert "siobh" not in str(ImportRun.objects.get(pk=run.pk).report).lower()


def test_consultation_responses_lose_the_name_and_contact_they_gave(client, officer, siobhan, menu):
    survey = menu.add_child(
        instance=ConsultationPage(
            title="Lifts survey",
            slug="lifts",
            opens_at=timezone.now(),
            closes_at=timezone.now() + datetime.timedelta(days=28),
        )
    )
    response = ConsultationResponse.objects.create(
        page=survey,
        form_data={"q": "Fix the lifts"},
        respondent_name="Siobhan K",
        respondent_contact="Siobhan.Kelly@example.com",
    )

    client.post(erase_url(siobhan))

    response.refresh_from_db()
    assert (response.respondent_name, response.respondent_contact) == ("", "")
    assert response.form_data == {"q": "Fix the lifts"}


def test_the_confirm_page_lists_what_goes_and_what_stays(client, officer, siobhan):
    panel = PanelFactory()
    for _ in range(4):
        MembershipFactory(person=siobhan, panel=panel)
    EqualityFactory(person=siobhan)
    ExpenseLineFactory(claim=ExpenseClaimFactory(person=siobhan, status=ClaimStatus.PAID))

    page = confirm_page(client, siobhan)

    assert "referenced" not in page
    assert "What will be erased" in page
    assert "Their name, email address and phone numbers" in page
    assert "Their date of birth" in page
    assert "Their equality monitoring answers" in page
    assert "Copies of their rows kept from imports" in page
    assert "What will be kept, with no name on it" in page
    assert "4 panel memberships" in page
    assert "1 expense claim, with £4.00 paid" in page
    assert "Yes, erase this person" in page


def test_the_person_page_offers_erase_not_delete(client, officer, siobhan):
    response = client.get(reverse("involvement_register:inspect", args=[siobhan.pk]))

    page = response.content.decode()
    assert "Erase this person" in page
    assert erase_url(siobhan) in page


@pytest.mark.parametrize("groups", [(EDITORS,), (EQUALITY,)])
def test_only_officers_can_erase(client, siobhan, groups):
    staff(client, *groups)

    # Wagtail answers a refused admin view with its dashboard and a message, not a 403.
    for response in (client.get(erase_url(siobhan)), client.post(erase_url(siobhan))):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert Person.objects.get(pk=siobhan.pk).name == "Siobhán Kelly"


@pytest.mark.parametrize("size", [2, 8])
def test_erasing_takes_a_bounded_number_of_queries(
    client, officer, siobhan, size, django_assert_max_num_queries
):
    panel = PanelFactory()
    for _ in range(size):
        MembershipFactory(person=siobhan, panel=panel)
        SignUpFactory(person=siobhan, attended_on=datetime.date(2026, 3, 1))
        log(instance=siobhan, action="wagtail.edit")

    # The same bound at both sizes: nothing is done once per membership, sign-up or entry.
    with django_assert_max_num_queries(25):
        client.get(erase_url(siobhan))
    with django_assert_max_num_queries(45):
        client.post(erase_url(siobhan))
