"""An officer's sign-up and equality lists: adding where it makes sense, a link on every row."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

import pytest

from forms.choices import SignUpStatus
from forms.models import SignUp
from tests.forms.factories import EqualityFactory, PersonFactory, SignUpFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

ADD_SIGN_UP = reverse("involvement_sign_ups:add")


def test_the_add_sign_up_form_opens(client, officer, sign_up_page):
    response = client.get(ADD_SIGN_UP)
    assert response.status_code == 200
    assert sign_up_page.title in response.content.decode()


def test_an_officer_adds_a_sign_up_for_someone_who_phoned(client, officer, sign_up_page):
    person = PersonFactory(name="Phoebe Caller")
    response = client.post(
        ADD_SIGN_UP, {"person": person.pk, "page": sign_up_page.pk, "status": "place"}
    )
    assert response.status_code == 302
    signup = SignUp.objects.get()
    assert (signup.person, signup.page_id, signup.status, signup.form_data) == (
        person,
        sign_up_page.pk,
        SignUpStatus.PLACE,
        {},
    )


def test_a_place_on_a_full_form_is_refused_but_the_waiting_list_is_open(
    client, officer, sign_up_page
):
    sign_up_page.capacity = 1
    sign_up_page.save()
    SignUpFactory(page=sign_up_page)
    person = PersonFactory()
    form = {"person": person.pk, "page": sign_up_page.pk}

    refused = client.post(ADD_SIGN_UP, {**form, "status": "place"})
    assert refused.status_code == 200
    assert "All 1 places are taken." in refused.content.decode()
    assert not SignUp.objects.filter(person=person).exists()

    waiting = client.post(ADD_SIGN_UP, {**form, "status": "waiting"})
    assert waiting.status_code == 302
    assert SignUp.objects.get(person=person).status == SignUpStatus.WAITING


def test_a_second_live_sign_up_for_the_same_person_is_refused(client, officer, sign_up_page):
    existing = SignUpFactory(page=sign_up_page)
    response = client.post(
        ADD_SIGN_UP, {"person": existing.person.pk, "page": sign_up_page.pk, "status": "place"}
    )
    assert response.status_code == 200
    assert SignUp.objects.count() == 1


def test_sign_ups_are_titled_so_newest_first_with_a_link_to_each(client, officer, sign_up_page):
    now = timezone.now()
    older = SignUpFactory(page=sign_up_page, person__name="Olive Older")
    newer = SignUpFactory(page=sign_up_page, person__name="Nina Newer")
    SignUp.objects.filter(pk=older.pk).update(submit_time=now - timedelta(days=2))
    SignUp.objects.filter(pk=newer.pk).update(submit_time=now - timedelta(days=1))

    html = client.get(reverse("involvement_sign_ups:index")).content.decode()

    assert "<title>Sign-ups" in html
    assert "Form submissions" not in html
    assert html.index("Nina Newer") < html.index("Olive Older")
    assert reverse("involvement_sign_ups:edit", args=[older.pk]) in html
    assert reverse("involvement_sign_ups:delete", args=[older.pk]) in html


def test_equality_answers_have_view_and_delete_links_but_no_adding(client):
    staff(client, "Equality data")
    answers = EqualityFactory(person__name="Edie Answered")
    html = client.get(reverse("involvement_equality:index")).content.decode()
    assert reverse("involvement_equality:inspect", args=[answers.pk]) in html
    assert reverse("involvement_equality:delete", args=[answers.pk]) in html
    assert reverse("involvement_equality:add") not in html


@pytest.mark.parametrize("view", ["add", "edit"])
def test_not_even_a_superuser_can_type_in_equality_answers(client, view):
    answers = EqualityFactory()
    client.force_login(User.objects.create_superuser("root"))
    url = reverse(f"involvement_equality:{view}", args=[answers.pk] if view == "edit" else [])
    assert url not in client.get(reverse("involvement_equality:index")).content.decode()
    response = client.get(url, follow=True)
    assert "Sorry, you do not have permission" in response.content.decode()


def test_the_register_shows_the_day_someone_joined_not_hours_ago(client, officer):
    PersonFactory(name="Jo Joined", date_joined=timezone.localdate())
    html = client.get(reverse("involvement_register:index")).content.decode()
    assert timezone.localdate().strftime("%-d %b %Y") in html
    assert "hours ago" not in html
