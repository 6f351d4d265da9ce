"""Date of birth (with the age band it gives), mobile and landline on the register: checked
as the importer checks them, found again by any number, and seen only by register officers."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

import pytest

from forms.ages import age_band, birth_dates_in_band, years_before
from forms.models import Person
from forms.people import find_person, record_person
from tests.forms.factories import PersonFactory, SignUpFactory
from tests.forms.test_officer_person_form import person_form
from tests.staff import staff

EDITORS, OFFICERS, EQUALITY = "Communications editors", "Involvement officers", "Equality data"
ADD = reverse("involvement_register:add")
D = datetime.date


@pytest.mark.parametrize(
    ("born", "today", "band"),
    [
        (D(2000, 6, 15), D(2016, 6, 14), ""),  # 15: no band covers it
        (D(2000, 6, 15), D(2016, 6, 15), "16_24"),  # the birthday itself counts
        (D(2000, 6, 15), D(2025, 6, 14), "16_24"),
        (D(2000, 6, 15), D(2025, 6, 15), "25_34"),
        (D(1960, 1, 1), D(2024, 12, 31), "55_64"),
        (D(1960, 1, 1), D(2025, 1, 1), "65_74"),
        (D(1950, 3, 1), D(2025, 2, 28), "65_74"),
        (D(1950, 3, 1), D(2025, 3, 1), "75_plus"),
        (D(1920, 5, 5), D(2025, 5, 5), "75_plus"),
        (D(1956, 2, 29), D(2031, 2, 28), "65_74"),  # a leap-day birthday is 1 March...
        (D(1956, 2, 29), D(2031, 3, 1), "75_plus"),  # ...in other years
        (None, D(2025, 1, 1), ""),
    ],
)
def test_the_age_band_follows_from_the_date_of_birth(born, today, band):
    assert age_band(born, today) == band


@pytest.mark.parametrize("today", [D(2025, 6, 15), D(2028, 2, 29), D(2027, 3, 1)])
def test_each_bands_birth_dates_give_that_band_and_no_other(today):
    for band in ("16_24", "25_34", "65_74", "75_plus"):
        born_after, born_by = birth_dates_in_band(band, today)
        assert age_band(born_by, today) == band
        assert age_band(born_by + datetime.timedelta(days=1), today) != band
        if born_after is not None:
            assert age_band(born_after + datetime.timedelta(days=1), today) == band
            assert age_band(born_after, today) != band


@pytest.mark.django_db
def test_the_register_filters_by_age_band_worked_out_today(client, officer):
    today = timezone.localdate()
    PersonFactory(name="Almost Twentyfive", date_of_birth=years_before(today, 25) + D.resolution)
    PersonFactory(name="Just Twentyfive", date_of_birth=years_before(today, 25))
    PersonFactory(name="Thirtyfour Still", date_of_birth=years_before(today, 35) + D.resolution)
    PersonFactory(name="Eighty Years", date_of_birth=years_before(today, 80))
    PersonFactory(name="No Birthdate")

    html = client.get(reverse("involvement_register:index"), {"age_band": "25_34"}).content
    older = client.get(reverse("involvement_register:index"), {"age_band": "75_plus"}).content

    html, older = html.decode(), older.decode()
    assert "Just Twentyfive" in html
    assert "Thirtyfour Still" in html
    assert "Almost Twentyfive" not in html
    assert "Eighty Years" not in html
    assert "No Birthdate" not in html
    assert "Eighty Years" in older
    assert "Just Twentyfive" not in older


@pytest.mark.django_db
def test_an_officer_adds_numbers_and_a_date_of_birth_and_sees_the_age_band(client, officer):
    born = years_before(timezone.localdate(), 40)
    response = client.post(
        ADD,
        person_form(
            phone="07700 900555",
            mobile="+44 (0)7700 900556",
            landline="01632 960 003",
            date_of_birth=born.isoformat(),
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get()
    assert (person.phone, person.mobile, person.landline, person.date_of_birth) == (
        "07700900555",
        "07700900556",
        "01632960003",
        born,
    )
    html = client.get(reverse("involvement_register:inspect", args=[person.pk])).content.decode()
    assert "Age band" in html
    assert "35 to 44" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("born", "message"),
    [
        (D(2999, 1, 1), "is in the future"),
        (D(1899, 12, 31), "is before 1900"),
        (None, "younger than 16"),  # ten years ago, filled in below
    ],
)
def test_an_impossible_date_of_birth_is_refused_with_a_reason(client, officer, born, message):
    born = born or years_before(timezone.localdate(), 10)

    response = client.post(ADD, person_form(date_of_birth=born.isoformat()))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_mobile_that_belongs_to_someone_else_is_refused_in_the_admin(client, officer):
    held = PersonFactory(name="Held Person", email="", phone="07700900777")

    response = client.post(ADD, person_form(mobile="07700 900777"))

    assert response.status_code == 200
    assert "Held Person" in response.content.decode()
    assert list(Person.objects.all()) == [held]
    form_errors = response.context["form"].errors
    assert list(form_errors) == ["mobile"]


@pytest.mark.django_db
def test_a_resident_who_types_their_imported_mobile_is_found_not_added():
    imported = PersonFactory(name="Imported Person", email="", phone="", mobile="07700900888")

    person, created = record_person({"name": "Imported Person", "phone": "07700900888"})

    assert (person.pk, created) == (imported.pk, False)
    assert find_person("", "", numbers=["07700900888"]) == imported
    assert find_person("new@example.com", "07700900888") == imported  # it has no email yet


# Who sees a date of birth ------------------------------------------------------------


@pytest.fixture
def bea(db):
    return PersonFactory(name="Bea Birthday", date_of_birth=D(1961, 7, 23))


@pytest.mark.django_db
@pytest.mark.parametrize("groups", [(EDITORS,), (EQUALITY,)])
def test_only_register_officers_see_a_date_of_birth(client, bea, groups):
    staff(client, *groups)

    for url in (
        reverse("involvement_register:inspect", args=[bea.pk]),
        reverse("involvement_register:index") + "?export=csv",
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain, url
        assert "23/07/1961" not in response.content.decode()
        assert "1961" not in response.content.decode()


@pytest.mark.django_db
def test_the_register_download_holds_the_date_of_birth_and_the_sign_ups_download_does_not(
    client, bea, sign_up_page
):
    SignUpFactory(page=sign_up_page, person=bea)
    staff(client, OFFICERS)

    register = client.get(reverse("involvement_register:index"), {"export": "csv"})
    sign_ups = client.get(reverse("involvement_sign_ups:index"), {"export": "csv"})

    (row,) = csv.DictReader(io.StringIO(register.content.decode("utf-8-sig")))
    assert (row["Date of birth"], row["Mobile"], row["Landline"]) == ("23/07/1961", "", "")
    assert "1961" not in sign_ups.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_the_join_form_never_asks_for_a_date_of_birth(client, join_page):
    html = client.get(join_page.url).content.decode()

    assert 'name="email"' in html  # the form itself is on the page
    assert "birth" not in html.lower()
