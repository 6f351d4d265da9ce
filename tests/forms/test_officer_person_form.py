"""An officer adding or editing a person gets the tidying and duplicate checks of the forms."""

from django.urls import reverse

import pytest

from forms.models import Person
from tests.forms.factories import PersonFactory

pytestmark = pytest.mark.django_db

ADD = reverse("involvement_register:add")


def person_form(**values):
    return {
        "name": "Xavier Smith",
        "date_joined": "2026-11-30",
        "is_active": "on",
        "email": "",
        "phone": "",
        "postcode": "",
        **values,
    }


def test_an_added_person_is_stored_tidied(client, officer):
    response = client.post(
        ADD,
        person_form(
            email=" XSS1@EXAMPLE.COM ",
            phone="07700 900555",
            postcode="ts1 2ab",
            legacy_reference="r-20",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get()
    assert (person.email, person.phone, person.postcode, person.legacy_reference) == (
        "xss1@example.com",
        "07700900555",
        "TS1 2AB",
        "R-20",
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"phone": "abc"}, "Enter a phone number"),
        ({"postcode": "zzzz"}, "Enter a real postcode"),
    ],
)
def test_nonsense_contact_details_are_refused(client, officer, values, message):
    response = client.post(ADD, person_form(**values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("existing", "values"),
    [
        ({"email": "xss1@example.com"}, {"email": "XSS1@EXAMPLE.COM"}),
        ({"phone": "07700900555"}, {"phone": "07700 900555"}),
        (
            {"email": "", "legacy_reference": "R-20"},
            {"email": "new@example.com", "legacy_reference": "r-20"},
        ),
    ],
)
def test_a_second_record_for_one_person_names_the_first(client, officer, existing, values):
    first = PersonFactory(name="Xena First", **existing)
    response = client.post(ADD, person_form(**values))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xena First" in html
    assert "already on the register" in html
    assert reverse("involvement_register:edit", args=[first.pk]) in html
    assert Person.objects.count() == 1


def test_editing_a_person_keeps_their_own_details_and_tidies_them(client, officer):
    person = PersonFactory(email="ada@example.com", phone="07700900123")
    response = client.post(
        reverse("involvement_register:edit", args=[person.pk]),
        person_form(name=person.name, email="ADA@example.com", phone="+44 7700 900123"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.phone) == ("ada@example.com", "07700900123")
