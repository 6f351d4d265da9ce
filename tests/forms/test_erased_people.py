"""An erased person is a placeholder keeping others' records counting: officers cannot find
them in the register or the chooser, nor type details back in."""

import html

from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from forms.audit import PERSON_VIEWED
from forms.erasure import erase_person
from forms.models import AccessLogEntry, Person
from tests.involvement_pages.panels.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def erased():
    person = PersonFactory(name="Siobhán Kelly", email="siobhan.kelly@example.com")
    MembershipFactory(person=person)  # so the row stays, as "Erased person"
    return erase_person(person)


@pytest.fixture
def ada():
    return PersonFactory(name="Ada Brennan", email="ada.brennan@example.com")


def text(response):
    return html.unescape(response.content.decode())


def test_the_register_lists_residents_but_not_erased_people(client, officer, erased, ada):
    page = text(client.get(reverse("involvement_register:index")))

    assert "Ada Brennan" in page
    assert "Erased person" not in page
    assert reverse("involvement_register:edit", args=[erased.pk]) not in page


def test_the_person_chooser_does_not_offer_erased_people(client, officer, erased, ada):
    chosen = text(client.get(reverse("involvement_person_chooser:choose_results")))
    searched = text(client.get(reverse("involvement_person_chooser:choose_results") + "?q=Erased"))

    assert "Ada Brennan" in chosen
    assert "Erased person" not in chosen
    assert "Erased person" not in searched


def test_an_erased_person_cannot_be_chosen_by_typing_their_number(client, officer, erased, ada):
    """The chooser's address takes a record's number: typing an erased one finds nothing."""
    chosen = client.get(reverse("involvement_person_chooser:chosen", args=[erased.pk]))
    chosen_many = client.get(
        reverse("involvement_person_chooser:chosen_multiple") + f"?id={erased.pk}&id={ada.pk}"
    )
    ada_chosen = client.get(reverse("involvement_person_chooser:chosen", args=[ada.pk]))

    assert chosen.status_code == 404
    assert "Erased person" not in text(chosen_many)
    assert "Ada Brennan" in text(chosen_many)
    assert "Ada Brennan" in text(ada_chosen)


def test_an_erased_person_cannot_be_edited_and_the_officer_is_told_why(client, officer, erased):
    edit_url = reverse("involvement_register:edit", args=[erased.pk])

    for response in (
        client.get(edit_url),
        client.post(edit_url, {"name": "Siobhán Kelly", "email": "siobhan.kelly@example.com"}),
    ):
        assert response.status_code == 302
        assert response.url == reverse("involvement_register:inspect", args=[erased.pk])
        told = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("erased on request" in m for m in told)
    person = Person.objects.get(pk=erased.pk)
    assert (person.name, person.email) == ("Erased person", "")


def test_an_erased_persons_page_offers_no_edit_or_erase(client, officer, erased):
    page = text(client.get(reverse("involvement_register:inspect", args=[erased.pk])))

    assert "Erased person" in page
    assert reverse("involvement_register:edit", args=[erased.pk]) not in page
    assert reverse("involvement_register:delete", args=[erased.pk]) not in page


def test_who_viewed_them_stays_on_record_without_their_name(admin_client):
    person = PersonFactory(name="Siobhán Kelly", email="siobhan.kelly@example.com")
    admin_client.get(reverse("involvement_register:inspect", args=[person.pk]))
    assert AccessLogEntry.objects.get(action=PERSON_VIEWED).label == "Siobhán Kelly"

    erase_person(person)

    entry = AccessLogEntry.objects.get(action=PERSON_VIEWED)
    assert entry.label == "Erased person"
    assert entry.user.is_superuser
    history = text(admin_client.get(reverse("wagtailadmin_reports:site_history")))
    assert "Viewed their record in the register" in history
    assert "Siobhán" not in history
