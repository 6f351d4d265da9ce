"""A person's page in the register: everything they take part in, for officers only."""

import datetime
import html

from django.urls import reverse
from django.utils import timezone

import pytest

from forms.choices import SignUpStatus
from involvement_pages.calendar.choices import Booking, EventKind
from involvement_pages.panels.models import Role
from involvement_pages.roles import EDITORS, EQUALITY, OFFICERS
from tests.forms.factories import EqualityFactory, SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.calendar.factories import EventPageFactory
from tests.involvement_pages.money_factories import ExpenseLineFactory
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def person_page(client, person):
    response = client.get(reverse("involvement_register:inspect", args=[person.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def ada():
    return PersonFactory(name="Ada Lovelace")


def test_memberships_show_panel_role_and_term(client, officer, ada):
    scrutiny = PanelFactory(name="Scrutiny Panel")
    council = PanelFactory(name="Customer Council")
    MembershipFactory(
        person=ada, panel=scrutiny, role=Role.CHAIR, start_date=datetime.date(2025, 4, 1)
    )
    MembershipFactory(
        person=ada,
        panel=council,
        role=Role.SECRETARY,
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2024, 3, 31),
    )

    page = person_page(client, ada)

    assert ">Panels and groups</h2>" in page
    assert "Scrutiny Panel" in page
    assert "Chair" in page
    assert "since 1 April 2025" in page
    assert "Customer Council" in page
    assert "Secretary" in page
    assert "1 April 2023 to 31 March 2024" in page
    assert "Current member" in page
    assert "Term ended" in page


def test_meetings_attended_are_listed_by_panel_and_date(client, officer, ada):
    panel = PanelFactory(name="Scrutiny Panel")
    MeetingFactory(panel=panel, date=datetime.date(2026, 2, 12), attendees=[ada])
    MeetingFactory(panel=panel, date=datetime.date(2026, 3, 12), attendees=[])

    page = person_page(client, ada)

    assert "Panel meetings attended" in page
    assert "12 February 2026" in page
    assert "12 March 2026" not in page


def test_sign_ups_show_whether_they_came(client, officer, ada, menu):
    came = SignUpFormPageFactory(parent=menu, title="Estate walkabout at Hardwick")
    not_yet = SignUpFormPageFactory(parent=menu, title="Repairs roadshow")
    SignUpFactory(page=came, person=ada, attended_on=datetime.date(2026, 5, 4))
    SignUpFactory(page=not_yet, person=ada)

    page = person_page(client, ada)

    assert "Estate walkabout at Hardwick" in page
    assert "4 May 2026" in page
    assert "Repairs roadshow" in page
    assert "Not marked" in page


def test_training_courses_attended_come_from_the_sign_ups_of_training_events(
    client, officer, ada, menu, home
):
    course_form = SignUpFormPageFactory(parent=menu, title="Book: Talent School", when="", where="")
    other_form = SignUpFormPageFactory(parent=menu, title="Book: open day", when="", where="")
    EventPageFactory(
        parent=home,
        title="Talent School",
        kind=EventKind.TRAINING,
        sign_up_page=course_form,
        booking=Booking.BOOKING_REQUIRED,
    )
    EventPageFactory(
        parent=home,
        title="Open day",
        kind=EventKind.OPEN_DAY,
        sign_up_page=other_form,
        booking=Booking.BOOKING_REQUIRED,
    )
    SignUpFactory(page=course_form, person=ada, attended_on=datetime.date(2026, 3, 9))
    SignUpFactory(page=other_form, person=ada, attended_on=datetime.date(2026, 3, 10))

    page = person_page(client, ada)

    training = page.split("Training courses attended", 1)[1].split("</section>", 1)[0]
    assert "Talent School" in training
    assert "9 March 2026" in training
    assert "Open day" not in training


def test_no_training_section_for_someone_who_came_to_none(client, officer, ada, menu, home):
    course_form = SignUpFormPageFactory(parent=menu, when="", where="")
    EventPageFactory(
        parent=home,
        kind=EventKind.TRAINING,
        sign_up_page=course_form,
        booking=Booking.BOOKING_REQUIRED,
    )
    SignUpFactory(page=course_form, person=ada)  # booked, not marked as coming

    assert "Training courses attended" not in person_page(client, ada)


def test_grant_applications_they_made_are_listed(client, officer, ada):
    GrantApplicationFactory(
        applicant_person=ada,
        project="Lunch club for older residents",
        round__fund__name="Community Chest",
        amount_requested="750",
    )
    GrantApplicationFactory(project="Someone else's project")

    page = person_page(client, ada)

    assert "Grant applications" in page
    assert "Lunch club for older residents" in page
    assert "Community Chest" in page
    assert "£750" in page
    assert "Received" in page
    assert "Someone else's project" not in page


def test_a_person_with_no_history_shows_only_the_register_sections(client, officer, ada):
    page = person_page(client, ada)

    assert "No sign-ups yet." in page
    for title in ("Panels and groups", "Panel meetings attended", "Grant applications"):
        assert f">{title}</h2>" not in page


# Who may see it --------------------------------------------------------------------------


def test_editors_cannot_open_a_persons_page(client, ada):
    MembershipFactory(person=ada)
    staff(client, EDITORS)

    response = client.get(reverse("involvement_register:inspect", args=[ada.pk]))

    assert response.status_code in (302, 403)
    assert ">Panels and groups</h2>" not in response.content.decode()


def test_equality_answers_stay_with_the_equality_group(client, ada):
    EqualityFactory(person=ada)
    staff(client, OFFICERS)

    assert "Equality monitoring" not in person_page(client, ada)


def test_an_officer_in_the_equality_group_gets_the_link(client, ada):
    EqualityFactory(person=ada)
    staff(client, OFFICERS, EQUALITY)

    assert "See their equality monitoring answers" in person_page(client, ada)


# Query bound -----------------------------------------------------------------------------


def give_history(person, menu, home, n):
    panel_rows = [PanelFactory() for _ in range(n)]
    for i, panel in enumerate(panel_rows):
        MembershipFactory(
            person=person, panel=panel, start_date=TODAY - datetime.timedelta(days=400 + i)
        )
        MeetingFactory(panel=panel, date=TODAY - datetime.timedelta(days=i), attendees=[person])
        form = SignUpFormPageFactory(parent=menu, when="", where="")
        EventPageFactory(
            parent=home,
            kind=EventKind.TRAINING,
            sign_up_page=form,
            booking=Booking.BOOKING_REQUIRED,
        )
        SignUpFactory(page=form, person=person, attended_on=TODAY - datetime.timedelta(days=i))
        GrantApplicationFactory(applicant_person=person, applicant_group=panel)


@pytest.mark.parametrize("n", [2, 20])
def test_person_page_queries_do_not_grow_with_history(
    client, officer, menu, home, django_assert_max_num_queries, n
):
    person = PersonFactory()
    give_history(person, menu, home, n)
    url = reverse("involvement_register:inspect", args=[person.pk])
    client.get(url)  # warm the session and site caches, as a real officer's second visit

    # 25 on SQLite at both sizes (three of them write the "viewed" audit entry); one to
    # spare for PostgreSQL.
    with django_assert_max_num_queries(26):
        response = client.get(url)

    page = response.content.decode()
    assert page.count("Current member") == n
    assert page.count('class="listing"') >= 5


def test_sign_ups_cancelled_still_show_but_are_not_marked(client, officer, ada, menu):
    form = SignUpFormPageFactory(parent=menu, title="Cancelled walkabout")
    SignUpFactory(page=form, person=ada, status=SignUpStatus.CANCELLED)

    page = person_page(client, ada)

    assert "Cancelled walkabout" in page
    assert "Not marked" in page


def test_claims_show_on_the_person_page_from_the_expenses_app(client, officer, ada):
    claim = ExpenseLineFactory(
        claim__person=ada, claim__meeting=MeetingFactory(panel=PanelFactory(name="Repairs Panel"))
    ).claim

    page = person_page(client, ada)

    assert ">Expense claims</h2>" in page
    assert "Repairs Panel" in page
    assert claim.total_display in page
    assert claim.total_display.startswith("£")
