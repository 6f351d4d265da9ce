"""Marking who came, and the register's two questions about involvement."""

import csv
import datetime
import html
import io

from django.urls import reverse
from django.utils import timezone

import pytest
from dateutil.relativedelta import relativedelta

from forms.choices import SignUpStatus
from forms.models import SignUp
from involvement_pages.roles import EDITORS
from tests.forms.factories import SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.panels.factories import (
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TWELVE_MONTHS_AGO = TODAY - relativedelta(months=12)
NEW_YEAR = datetime.date(TODAY.year, 1, 1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def walkabout(menu):
    return SignUpFormPageFactory(parent=menu, title="Estate walkabout at Hardwick", capacity=5)


def attendance_url(form_page):
    return reverse("involvement_sign_ups:attendance", args=[form_page.pk])


def test_the_form_lists_only_people_holding_a_place(client, officer, walkabout):
    SignUpFactory(page=walkabout, person__name="Ada Place")
    SignUpFactory(page=walkabout, person__name="Ben Waiting", status=SignUpStatus.WAITING)
    SignUpFactory(page=walkabout, person__name="Cy Cancelled", status=SignUpStatus.CANCELLED)

    page = html.unescape(client.get(attendance_url(walkabout)).content.decode())

    assert "Ada Place" in page
    assert "Ben Waiting" not in page
    assert "Cy Cancelled" not in page


def test_ticking_marks_who_came_on_the_date_given(client, officer, walkabout):
    came = SignUpFactory(page=walkabout)
    stayed_home = SignUpFactory(page=walkabout)
    day = TODAY - datetime.timedelta(days=3)

    response = client.post(
        attendance_url(walkabout), {"came_on": day.isoformat(), "came": [came.pk]}
    )

    assert response.status_code == 302
    came.refresh_from_db()
    stayed_home.refresh_from_db()
    assert came.attended_on == day
    assert stayed_home.attended_on is None


def test_unticking_removes_a_mark_and_ticking_again_keeps_the_first_date(
    client, officer, walkabout
):
    kept = SignUpFactory(page=walkabout, attended_on=TODAY - datetime.timedelta(days=10))
    mistaken = SignUpFactory(page=walkabout, attended_on=TODAY - datetime.timedelta(days=10))

    client.post(attendance_url(walkabout), {"came_on": TODAY.isoformat(), "came": [kept.pk]})

    kept.refresh_from_db()
    mistaken.refresh_from_db()
    assert kept.attended_on == TODAY - datetime.timedelta(days=10)
    assert mistaken.attended_on is None


def test_the_form_shows_who_is_already_marked(client, officer, walkabout):
    marked = SignUpFactory(
        page=walkabout, person__name="A Marked", attended_on=datetime.date(2026, 3, 9)
    )
    unmarked = SignUpFactory(page=walkabout, person__name="B Unmarked")

    page = client.get(attendance_url(walkabout)).content.decode()

    assert f'name="came" value="{marked.pk}" id="id_came_0" checked>' in page
    assert f'name="came" value="{unmarked.pk}" id="id_came_1">' in page
    assert "9 March 2026" in page


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ((TODAY + DAY).isoformat(), "The date cannot be in the future"),
        ("31/02/2026", "Enter the date as day, month and year"),
        ("", "Enter the date of the event"),
    ],
)
def test_a_bad_date_is_refused_with_a_message_and_saves_nothing(
    client, officer, walkabout, day, message
):
    signup = SignUpFactory(page=walkabout)

    response = client.post(attendance_url(walkabout), {"came_on": day, "came": [signup.pk]})

    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert "There is a problem" in response.content.decode()
    signup.refresh_from_db()
    assert signup.attended_on is None


def test_another_forms_sign_up_cannot_be_marked_here(client, officer, walkabout, menu):
    other = SignUpFactory(page=SignUpFormPageFactory(parent=menu))

    response = client.post(
        attendance_url(walkabout), {"came_on": TODAY.isoformat(), "came": [other.pk]}
    )

    assert response.status_code == 200
    other.refresh_from_db()
    assert other.attended_on is None


def test_an_unknown_form_is_not_found(client, officer):
    assert client.get(reverse("involvement_sign_ups:attendance", args=[999999])).status_code == 404


def test_the_list_of_forms_counts_places_and_marks(client, officer, walkabout):
    SignUpFactory(page=walkabout, attended_on=TODAY)
    SignUpFactory(page=walkabout)

    response = client.get(reverse("involvement_sign_ups:attendance_index"))

    page = html.unescape(response.content.decode())
    assert "Estate walkabout at Hardwick" in page
    assert "<td>2</td>" in page
    assert "<td>1</td>" in page


def test_the_sign_ups_list_links_to_marking_attendance(client, officer):
    page = client.get(reverse("involvement_sign_ups:index")).content.decode()

    assert reverse("involvement_sign_ups:attendance_index") in page


def test_editors_cannot_mark_attendance(client, walkabout):
    signup = SignUpFactory(page=walkabout)
    staff(client, EDITORS)

    response = client.post(
        attendance_url(walkabout), {"came_on": TODAY.isoformat(), "came": [signup.pk]}
    )

    assert response.status_code in (302, 403)
    assert SignUp.objects.get(pk=signup.pk).attended_on is None


def test_a_sign_up_cannot_be_marked_as_attended_in_the_future(client, officer, walkabout):
    signup = SignUpFactory(page=walkabout)
    url = reverse("involvement_sign_ups:edit", args=[signup.pk])

    response = client.post(
        url, {"status": SignUpStatus.PLACE, "attended_on": (TODAY + DAY).isoformat()}
    )

    assert response.status_code == 200
    assert "cannot be in the future" in html.unescape(response.content.decode())


# The register's filters ------------------------------------------------------------------


def register(client, involvement):
    url = reverse("involvement_register:index")
    response = client.get(url, {"involvement": involvement})
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def came_on(day, name, menu):
    return SignUpFactory(
        page=SignUpFormPageFactory(parent=menu), person__name=name, attended_on=day
    ).person


def test_not_involved_in_the_last_12_months_counts_exactly_12_months_ago_as_involved(
    client, officer, menu
):
    came_on(TWELVE_MONTHS_AGO, "Edge Attender", menu)
    came_on(TWELVE_MONTHS_AGO - DAY, "Lapsed Attender", menu)
    PersonFactory(name="Never Came")

    page = register(client, "not_12_months")

    assert "Edge Attender" not in page
    assert "Lapsed Attender" in page
    assert "Never Came" in page


def test_involved_this_year_starts_on_1_january(client, officer, menu):
    came_on(NEW_YEAR, "New Year Attender", menu)
    came_on(NEW_YEAR - DAY, "Old Year Attender", menu)

    page = register(client, "this_year")

    assert "New Year Attender" in page
    assert "Old Year Attender" not in page


def test_a_panel_meeting_attended_counts_as_involvement(client, officer):
    attender = PersonFactory(name="Meeting Attender")
    absent = PersonFactory(name="Meeting Absentee")
    MeetingFactory(date=NEW_YEAR, attendees=[attender])
    MeetingFactory(date=NEW_YEAR - DAY, attendees=[absent])

    page = register(client, "this_year")

    assert "Meeting Attender" in page
    assert "Meeting Absentee" not in page


def test_a_membership_running_in_the_period_counts_as_involvement(client, officer):
    MembershipFactory(person__name="Sitting Member", start_date=datetime.date(2020, 1, 1))
    MembershipFactory(
        person__name="Former Member",
        start_date=datetime.date(2020, 1, 1),
        end_date=TWELVE_MONTHS_AGO - DAY,
    )
    MembershipFactory(
        person__name="Last Day Member",
        start_date=datetime.date(2020, 1, 1),
        end_date=TWELVE_MONTHS_AGO,
    )

    page = register(client, "not_12_months")

    assert "Sitting Member" not in page
    assert "Former Member" in page
    assert "Last Day Member" not in page


def test_a_sign_up_not_marked_as_attended_is_not_involvement(client, officer, walkabout):
    SignUpFactory(page=walkabout, person__name="Booked Only")

    assert "Booked Only" not in register(client, "this_year")
    assert "Booked Only" in register(client, "not_12_months")


def test_involved_in_a_year_is_the_landlords_year_as_the_dashboard_counts_it(client, officer, menu):
    """The dashboard's "People involved" for 2025/26 links here: the list holds the same
    people, April to March."""
    came_on(datetime.date(2025, 4, 1), "April Attender", menu)
    came_on(datetime.date(2026, 3, 31), "March Attender", menu)
    came_on(datetime.date(2025, 3, 31), "Year Before Attender", menu)
    came_on(datetime.date(2026, 4, 1), "Year After Attender", menu)

    response = client.get(reverse("involvement_register:index"), {"involved_in": "2025"})
    page = html.unescape(response.content.decode())

    assert "April Attender" in page
    assert "March Attender" in page
    assert "Year Before Attender" not in page
    assert "Year After Attender" not in page


@pytest.mark.parametrize("value", ["nonsense", "2025.5", "99999", "-1", "", "%FF", "1e3"])
def test_an_odd_year_still_shows_the_register(client, officer, value):
    PersonFactory(name="Someone Listed")

    response = client.get(reverse("involvement_register:index") + "?involved_in=" + value)

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["nonsense", "", "%FF", "this_year&involvement=x"])
def test_an_odd_involvement_value_still_shows_the_register(client, officer, value):
    PersonFactory(name="Someone Listed")

    response = client.get(reverse("involvement_register:index") + "?involvement=" + value)

    assert response.status_code == 200


@pytest.mark.parametrize("n", [2, 20])
def test_the_filtered_register_is_bounded(client, officer, menu, django_assert_max_num_queries, n):
    for i in range(n):
        came_on(TODAY - datetime.timedelta(days=i), f"Attender {i}", menu)
        MembershipFactory(person__name=f"Member {i}")
    url = reverse("involvement_register:index")
    client.get(url, {"involvement": "this_year"})

    # 17 on SQLite at both sizes; one to spare for PostgreSQL.
    with django_assert_max_num_queries(18):
        response = client.get(url, {"involvement": "this_year"})

    assert html.unescape(response.content.decode()).count("Attender ") >= n


def test_the_sign_ups_export_says_who_came(client, officer, walkabout):
    SignUpFactory(page=walkabout, person__name="Came Along", attended_on=datetime.date(2026, 3, 9))
    SignUpFactory(page=walkabout, person__name="Stayed Home")

    export = client.get(reverse("involvement_sign_ups:index"), {"export": "csv"})

    rows = {
        row["name"]: row for row in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
    }
    assert rows["Came Along"]["came on"] == "2026-03-09"
    assert rows["Stayed Home"]["came on"] == ""


def test_editors_are_refused_before_a_form_is_looked_up(client):
    staff(client, EDITORS)

    response = client.get(reverse("involvement_sign_ups:attendance", args=[999999]))

    assert response.status_code in (302, 403)
