"""Withdrawing consent for equality answers by the signed link in every resident's email."""

import re

from django.core import mail

from wagtail.models import ModelLogEntry

import pytest

from forms.links import submission_token
from forms.models import EqualityMonitoring, Person, SignUp
from forms.models.pages import LEAVE_SALT, WITHDRAW_EQUALITY_SALT
from involvement_pages.site_settings import ContactDetails
from tests.forms.conftest import join_data, sign_up_data
from tests.forms.factories import EqualityFactory, SignUpFactory, SignUpFormPageFactory

pytestmark = pytest.mark.django_db

WITH_EQUALITY = {"gender": "woman", "equality_consent": "on"}


def withdraw_link(email):
    return re.search(r"http://testserver(/\S+/equality/withdraw/\S+/)", email.body).group(1)


def html_of(response):
    return response.content.decode()


def assert_never_stored(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives, response["Cache-Control"]


def test_the_welcome_email_has_the_link(client, join_page, send_on_commit):
    send_on_commit(client, join_page.url, join_data(**WITH_EQUALITY))

    welcome = mail.outbox[0]
    assert "delete them here" in welcome.body
    assert withdraw_link(welcome).startswith(join_page.url)


def test_place_and_waiting_list_emails_have_the_link(client, menu, send_on_commit):
    page = SignUpFormPageFactory(parent=menu, capacity=1)
    send_on_commit(client, page.url, sign_up_data())
    send_on_commit(client, page.url, sign_up_data(name="Cy Example", email="cy@example.com"))

    resident_emails = [m for m in mail.outbox if m.to != ["involvement@thirteen.example"]]
    assert [m.to for m in resident_emails] == [["ben@example.com"], ["cy@example.com"]]
    assert "waiting list" in resident_emails[1].body
    for email in resident_emails:
        assert client.get(withdraw_link(email)).status_code == 200


def test_the_place_offered_email_has_the_link(client, menu, send_on_commit):
    page = SignUpFormPageFactory(parent=menu, capacity=1)
    send_on_commit(client, page.url, sign_up_data())
    send_on_commit(client, page.url, sign_up_data(name="Cy Example", email="cy@example.com"))
    cancel = re.search(r"http://testserver(/\S+/cancel/\S+/)", mail.outbox[0].body).group(1)
    mail.outbox.clear()

    send_on_commit(client, cancel)

    (offered,) = [m for m in mail.outbox if m.to == ["cy@example.com"]]
    assert "it is yours" in offered.body
    withdraw_link(offered)


def test_withdrawing_deletes_the_answers_and_tells_the_officers_without_them(
    client, join_page, send_on_commit
):
    send_on_commit(client, join_page.url, join_data(**WITH_EQUALITY))
    link = withdraw_link(mail.outbox[0])
    person = Person.objects.get()
    mail.outbox.clear()

    asked = client.get(link)
    assert "Delete my equality answers" in html_of(asked)
    assert EqualityMonitoring.objects.filter(person=person).exists()  # a GET changes nothing
    assert mail.outbox == []

    done = send_on_commit(client, link)

    assert done.status_code == 200
    assert "Your equality answers have been deleted" in html_of(done)
    assert not EqualityMonitoring.objects.exists()
    person.refresh_from_db()
    assert person.is_active  # still on the register
    (notice,) = mail.outbox
    assert notice.to == ["involvement@thirteen.example"]
    assert notice.subject == "Equality answers deleted: Join the Customer Voice"
    assert f"Person {person.pk} on the involvement register" in notice.body
    assert "Ada" not in notice.body
    assert "ada@example.com" not in notice.body
    assert "woman" not in notice.body.lower()
    (entry,) = ModelLogEntry.objects.filter(action="wagtail.delete")
    assert entry.label == f"Equality answers of person {person.pk}"
    assert "woman" not in str(entry.data)
    assert "Ada" not in str(entry.data)


def test_a_second_use_says_it_is_done_and_tells_nobody_again(client, join_page, send_on_commit):
    send_on_commit(client, join_page.url, join_data(**WITH_EQUALITY))
    link = withdraw_link(mail.outbox[0])
    send_on_commit(client, link)
    mail.outbox.clear()

    again_get = client.get(link)
    again_post = send_on_commit(client, link)

    for response in (again_get, again_post):
        assert response.status_code == 200
        assert "We do not hold any equality answers from you" in html_of(response)
    assert mail.outbox == []


def test_the_site_contact_is_told_when_the_form_names_no_officers(client, menu, send_on_commit):
    page = SignUpFormPageFactory(parent=menu, to_address="")
    ContactDetails.objects.create(site=page.get_site(), email="team@thirteen.example")
    signup = SignUpFactory(page=page)
    EqualityFactory(person=signup.person)
    link = re.sub(r"^https?://[^/]+", "", page.withdraw_equality_url(signup))

    send_on_commit(client, link)

    assert not EqualityMonitoring.objects.exists()
    (notice,) = mail.outbox
    assert notice.to == ["team@thirteen.example"]


def test_an_altered_link_or_another_kind_of_link_is_refused(client, join_page):
    client.post(join_page.url, join_data(**WITH_EQUALITY))
    mine = join_page.get_submission_class().objects.get()
    other_person = Person.objects.create(name="Bo Other", email="bo@example.com")
    EqualityFactory(person=other_person)
    other = join_page.get_submission_class().objects.create(
        page=join_page, person=other_person, form_data={}
    )
    _, signature = submission_token(mine, WITHDRAW_EQUALITY_SALT).split(":")
    other_value = submission_token(other, WITHDRAW_EQUALITY_SALT).split(":")[0]
    leave_value, leave_signature = submission_token(other, LEAVE_SALT).split(":")

    forged = client.post(f"{join_page.url}equality/withdraw/{other_value}/{signature}/")
    from_leave = client.post(f"{join_page.url}equality/withdraw/{leave_value}/{leave_signature}/")
    nonsense = client.post(f"{join_page.url}equality/withdraw/nothing/forged/")

    for response in (forged, from_leave, nonsense):
        assert response.status_code in (400, 404)
        assert "This link does not work" in html_of(response)
    assert EqualityMonitoring.objects.count() == 2


def test_the_pages_are_never_stored(client, join_page, send_on_commit):
    send_on_commit(client, join_page.url, join_data(**WITH_EQUALITY))
    link = withdraw_link(mail.outbox[0])

    for response in (client.get(link), client.post(link), client.get(link)):
        assert response.status_code == 200
        assert_never_stored(response)
    assert_never_stored(client.get(f"{join_page.url}equality/withdraw/nothing/forged/"))


def test_a_sign_up_link_works_for_the_person_it_was_sent_to(client, sign_up_page):
    signup = SignUpFactory(page=sign_up_page)
    EqualityFactory(person=signup.person)
    other = EqualityFactory()
    link = re.sub(r"^https?://[^/]+", "", sign_up_page.withdraw_equality_url(signup))

    client.post(link)

    assert list(EqualityMonitoring.objects.all()) == [other]
    assert SignUp.objects.get().person.is_active
