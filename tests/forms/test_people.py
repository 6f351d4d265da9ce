import pytest

from forms.models import EqualityMonitoring, Person
from forms.people import record_person
from tests.forms.conftest import join_data
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    return {
        slug: ServiceAreaFactory(slug=slug, name=slug.title())
        for slug in ("repairs", "rent", "estates")
    }


def test_the_same_email_in_another_case_updates_the_person_and_merges_interests(
    client, join_page, services
):
    client.post(join_page.url, join_data(email="ada@example.com", interests=["repairs"]))
    client.post(
        join_page.url,
        join_data(email="ADA@Example.com ", name="Ada M Example", interests=["rent", "estates"]),
    )

    person = Person.objects.get()
    assert person.name == "Ada M Example"
    assert sorted(s.slug for s in person.interests.all()) == ["estates", "rent", "repairs"]


def test_the_same_phone_without_an_email_updates_the_person(client, join_page):
    client.post(join_page.url, join_data(email="", phone="07700 900123", contact_method="phone"))
    client.post(join_page.url, join_data(email="", phone="+44 7700 900 123", postcode="TS1 1AA"))

    person = Person.objects.get()
    assert person.phone == "07700900123"
    assert person.postcode == "TS1 1AA"


def test_someone_who_joined_by_phone_gets_their_email_added_not_a_second_record(client, join_page):
    client.post(join_page.url, join_data(email="", phone="07700900123"))
    client.post(join_page.url, join_data(email="ada@example.com", phone="07700900123"))

    assert list(Person.objects.values_list("email", "phone")) == [
        ("ada@example.com", "07700900123")
    ]


def test_different_emails_are_different_people_even_with_one_phone(client, join_page):
    """A household can share a landline; an email says who is who."""
    client.post(join_page.url, join_data(email="ada@example.com", phone="01632960001"))
    client.post(join_page.url, join_data(email="ben@example.com", phone="01632960001"))

    assert Person.objects.count() == 2


def test_blank_answers_never_erase_what_we_know():
    person = PersonFactory(email="ada@example.com", postcode="TS1 1AA", skills="Minute taking")

    record_person({"name": "Ada Example", "email": "ada@example.com", "postcode": "", "skills": ""})

    person.refresh_from_db()
    assert (person.postcode, person.skills) == ("TS1 1AA", "Minute taking")


def test_joining_again_makes_an_inactive_person_active():
    person = PersonFactory(email="ada@example.com", is_active=False)

    record_person({"name": "Ada Example", "email": "ada@example.com"})

    person.refresh_from_db()
    assert person.is_active


def test_equality_answers_need_consent(client, join_page):
    response = client.post(join_page.url, join_data(gender="woman"))

    assert "Tick the box to agree that we can keep your equality answers" in (
        response.content.decode()
    )
    assert Person.objects.count() == 0
    assert EqualityMonitoring.objects.count() == 0


def test_equality_answers_are_kept_apart_with_the_consent_wording_version_and_time(
    client, join_page
):
    client.post(
        join_page.url,
        join_data(age_band="prefer_not_to_say", gender="woman", equality_consent="on"),
    )

    record = EqualityMonitoring.objects.get()
    assert record.person == Person.objects.get()
    assert record.age_band == "prefer_not_to_say"
    assert record.gender == "woman"
    assert record.religion == ""
    assert record.consent_version == "equality-consent-2027-01"
    assert record.consent_given_at is not None


def test_blank_prefer_not_to_say_and_an_answer_stay_three_different_things(client, join_page):
    client.post(
        join_page.url,
        join_data(age_band="25_34", gender="prefer_not_to_say", equality_consent="on"),
    )

    record = EqualityMonitoring.objects.get()
    assert (record.age_band, record.gender, record.ethnicity) == ("25_34", "prefer_not_to_say", "")
    assert record.get_age_band_display() == "25 to 34"
    assert record.get_gender_display() == "Prefer not to say"


def test_consent_without_answers_stores_nothing(client, join_page):
    client.post(join_page.url, join_data(equality_consent="on"))

    assert Person.objects.count() == 1
    assert EqualityMonitoring.objects.count() == 0


def test_the_equality_questions_can_be_switched_off(client, join_page):
    join_page.ask_equality_questions = False
    join_page.save()

    html = client.get(join_page.url).content.decode()
    client.post(join_page.url, join_data(gender="woman", equality_consent="on"))

    assert "Equality monitoring" not in html
    assert Person.objects.count() == 1
    assert EqualityMonitoring.objects.count() == 0
