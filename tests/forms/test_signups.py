import re

from django.core import mail
from django.db import OperationalError

import pytest

from forms.choices import SignUpStatus
from forms.models import Person, SignUp
from forms.models import pages as pages_module
from forms.models.pages import token_parts
from forms.signups import cancel_token
from tests.forms.conftest import sign_up_data
from tests.forms.factories import SignUpFactory, SignUpFormFieldFactory, SignUpFormPageFactory

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def sign_up(client, page, n, post=None):
    data = sign_up_data(name=f"Resident {n}", email=f"resident{n}@example.com")
    return (post or (lambda c, *a, **k: c.post(*a, **k)))(client, page.url, data)


def cancel_path(page, signup):
    return page.url + page.reverse_subpage("cancel", kwargs=token_parts(cancel_token(signup)))


def cancel_link(email):
    return re.search(r"http://testserver(/\S+/cancel/\S+/)", email.body).group(1)


def test_sign_up_gives_a_place_and_says_how_many_are_left(client, sign_up_page):
    before = html_of(client.get(sign_up_page.url))
    response = sign_up(client, sign_up_page, 1)

    assert "2 of 2" in before
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert signup.status == SignUpStatus.PLACE
    assert "You have a place" in html_of(client.get(response["Location"]))
    assert "1 of 2" in html_of(client.get(sign_up_page.url))


def test_a_full_form_says_so_and_offers_the_waiting_list(client, sign_up_page):
    sign_up(client, sign_up_page, 1)
    sign_up(client, sign_up_page, 2)

    html = html_of(client.get(sign_up_page.url))
    assert "Every place has been taken" in html
    assert "Join the waiting list</button>" in html

    response = sign_up(client, sign_up_page, 3)
    assert SignUp.objects.get(person__email="resident3@example.com").status == "waiting"
    confirmation = html_of(client.get(response["Location"]))
    assert "You are on the waiting list" in confirmation
    assert "You are number <strong>1</strong>" in confirmation


def test_a_full_form_without_a_waiting_list_takes_no_more(client, menu):
    page = SignUpFormPageFactory(parent=menu, capacity=1, waiting_list=False)
    sign_up(client, page, 1)

    html = html_of(client.get(page.url))
    response = sign_up(client, page, 2)

    assert "There is no waiting list for this one" in html
    assert "<form" not in html.split('id="main-content"')[1]
    assert response.status_code == 200
    assert "Sorry, the last place has just been taken." in html_of(response)
    assert SignUp.objects.count() == 1
    assert not Person.objects.filter(email="resident2@example.com").exists()


def test_signing_up_twice_keeps_one_sign_up(client, sign_up_page):
    sign_up(client, sign_up_page, 1)
    sign_up(client, sign_up_page, 1)

    assert SignUp.objects.count() == 1
    assert Person.objects.count() == 1


def test_confirmation_email_and_officers_notice(client, sign_up_page, send_on_commit):
    sign_up(client, sign_up_page, 1, post=send_on_commit)

    resident, officers = mail.outbox
    assert resident.to == ["resident1@example.com"]
    assert resident.subject == f"You have a place: {sign_up_page.title}"
    assert "Tuesday 9 March 2027" in resident.body
    assert "/cancel/" in resident.body
    assert officers.to == ["involvement@thirteen.example"]
    assert "Resident 1: has a place" in officers.body
    assert "/admin/involvement_register/inspect/" in officers.body
    assert "resident1@example.com" not in officers.body


def test_a_double_submission_sends_one_email(client, sign_up_page, send_on_commit):
    sign_up(client, sign_up_page, 1, post=send_on_commit)
    sign_up(client, sign_up_page, 1, post=send_on_commit)

    assert [m.to for m in mail.outbox] == [
        ["resident1@example.com"],
        ["involvement@thirteen.example"],
    ]


def test_a_failing_mail_server_loses_no_sign_up(client, sign_up_page, send_on_commit, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 1  # nothing listens there

    response = sign_up(client, sign_up_page, 1, post=send_on_commit)

    assert response.status_code == 302
    assert SignUp.objects.filter(status="place").count() == 1


def test_cancel_link_frees_the_place_and_moves_the_first_waiting_person_up(
    client, sign_up_page, send_on_commit
):
    for n in (1, 2, 3, 4):
        sign_up(client, sign_up_page, n, post=send_on_commit)
    link = cancel_link(mail.outbox[0])
    mail.outbox.clear()

    confirm = client.get(link)
    assert "Cancel your place" in html_of(confirm)
    assert SignUp.objects.get(person__email="resident1@example.com").status == "place"

    with_emails = send_on_commit(client, link)

    assert "Your place is cancelled" in html_of(with_emails)
    statuses = dict(SignUp.objects.values_list("person__email", "status"))
    assert statuses == {
        "resident1@example.com": "cancelled",
        "resident2@example.com": "place",
        "resident3@example.com": "place",
        "resident4@example.com": "waiting",
    }
    offered = [m for m in mail.outbox if m.to == ["resident3@example.com"]]
    assert offered[0].subject.startswith("A place has come up for you")


def test_a_reused_cancel_link_changes_nothing(client, sign_up_page):
    signup = SignUpFactory(page=sign_up_page)
    waiting = SignUpFactory(page=sign_up_page, status="waiting")
    link = cancel_path(sign_up_page, signup)
    client.post(link)

    again = client.post(link)

    assert "You have already cancelled" in html_of(again)
    waiting.refresh_from_db()
    assert waiting.status == "place"
    assert SignUp.objects.filter(status="place").count() == 1


def test_a_tampered_cancel_link_is_refused(client, sign_up_page):
    signup = SignUpFactory(page=sign_up_page)
    _, signature = cancel_token(signup).split(":")
    other = SignUpFactory(page=sign_up_page)
    forged_value = cancel_token(other).split(":")[0]

    response = client.post(f"{sign_up_page.url}cancel/{forged_value}/{signature}/")

    assert response.status_code == 400
    assert "This link does not work" in html_of(response)
    assert set(SignUp.objects.values_list("status", flat=True)) == {"place"}


def test_another_pages_cancel_link_does_not_work_here(client, menu, sign_up_page):
    other_page = SignUpFormPageFactory(parent=menu)
    signup = SignUpFactory(page=other_page)
    foreign_link = cancel_path(other_page, signup).replace(other_page.url, sign_up_page.url)

    response = client.post(foreign_link)

    assert response.status_code == 400
    signup.refresh_from_db()
    assert signup.status == "place"


def test_the_cancel_page_asks_first_and_a_get_changes_nothing(client, sign_up_page):
    """Mail scanners open links; only the button cancels."""
    signup = SignUpFactory(page=sign_up_page)
    response = client.get(cancel_path(sign_up_page, signup))

    assert '<button type="submit" class="inv-button inv-button--warning">Cancel my place' in (
        html_of(response)
    )
    signup.refresh_from_db()
    assert signup.status == "place"


def test_someone_can_sign_up_again_after_cancelling(client, sign_up_page):
    SignUpFactory(page=sign_up_page, person__email="resident1@example.com", status="cancelled")

    sign_up(client, sign_up_page, 1)

    assert sorted(SignUp.objects.values_list("status", flat=True)) == ["cancelled", "place"]


def test_answers_to_extra_questions_are_kept_with_the_sign_up(client, sign_up_page):
    SignUpFormFieldFactory(page=sign_up_page, label="Do you have any dietary needs?")

    client.post(sign_up_page.url, sign_up_data(do_you_have_any_dietary_needs="Vegetarian"))

    assert SignUp.objects.get().form_data == {"do_you_have_any_dietary_needs": "Vegetarian"}


def test_the_confirmation_link_cannot_show_someone_elses_sign_up(client, sign_up_page):
    SignUpFactory(page=sign_up_page, person__name="Someone Else")

    response = client.get(f"{sign_up_page.url}thanks/WzEsMV0/1xVhsZ/forged/")

    assert response.status_code == 302
    assert response["Location"] == sign_up_page.url


def test_the_opportunity_page_links_to_its_sign_up_form(client, menu, sign_up_page):
    from tests.involvement_pages.factories import OpportunityPageFactory

    opportunity = OpportunityPageFactory(parent=menu, title="Estate walkabouts")
    opportunity.sign_up_page = sign_up_page
    opportunity.save()

    html = html_of(client.get(sign_up_page.url))

    assert f'href="{opportunity.url}"' in html
    assert "Back to Estate walkabouts" in html


def test_a_sign_up_takes_a_fixed_small_number_of_queries(
    client, sign_up_page, django_assert_max_num_queries, send_on_commit
):
    client.get(sign_up_page.url)  # Wagtail's site lookup is cached after the first request

    # 26: the emails ask the calendar (by a hook) whether an event books with the form;
    # PostgreSQL takes one query more than SQLite here.
    with django_assert_max_num_queries(26):
        response = sign_up(client, sign_up_page, 1, post=send_on_commit)

    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_adding_places_moves_the_waiting_list_up_in_order(
    sign_up_page, django_capture_on_commit_callbacks
):
    for _ in range(2):
        SignUpFactory(page=sign_up_page)
    first, second = (SignUpFactory(page=sign_up_page, status="waiting") for _ in range(2))
    sign_up_page.capacity = 3

    with django_capture_on_commit_callbacks(execute=True):
        sign_up_page.save_revision().publish()

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("place", "waiting")
    offered = [m.to for m in mail.outbox if m.subject.startswith("A place has come up for you")]
    assert offered == [[first.person.email]]


def test_a_busy_database_keeps_the_answers_and_asks_to_send_again(
    client, sign_up_page, monkeypatch, caplog
):
    """Stands in for SQLite's "database is locked" after its 20-second wait (a large
    import holding the only write lock): the resident sees their form, not an error page."""

    def locked(details):
        raise OperationalError("database is locked")

    monkeypatch.setattr(pages_module, "record_person", locked)

    response = sign_up(client, sign_up_page, 1)

    html = html_of(response)
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "the system is busy" in html
    assert 'value="resident1@example.com"' in html
    assert not SignUp.objects.exists()
    assert "Could not save a submission" in caplog.text


def test_a_sign_up_email_also_lets_the_resident_leave_the_register(
    client, sign_up_page, send_on_commit
):
    sign_up(client, sign_up_page, 1, post=send_on_commit)
    link = re.search(r"http://testserver(/\S+/leave/\S+/)", mail.outbox[0].body).group(1)
    mail.outbox.clear()

    left = html_of(send_on_commit(client, link))

    assert "You have left the register" in left
    assert "If you sign up for something again" in left
    person = Person.objects.get()
    assert not person.is_active
    assert SignUp.objects.get().status == SignUpStatus.PLACE  # the place stays booked
    (notice,) = mail.outbox
    assert notice.subject == f"Left the register: {sign_up_page.title}"
