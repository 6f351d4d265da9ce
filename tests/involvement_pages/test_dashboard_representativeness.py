"""Representativeness: involved people against the customer profile, hand-counted.

The fixture: a whole-group profile for 2026/27 of 1,000 customers, and 30 people who came
to an event in the year: 20 women aged 65 to 74, 6 men and 1 who would rather not say
their gender (all 7 aged 35 to 44), and 3 who gave no equality answers.
"""

import datetime
import html
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from cms_site.demo.dashboard import load_dashboard
from involvement_pages.dashboard.profiles import (
    CustomerProfile,
    ProfileGroup,
    SatisfactionWave,
    count_problems,
)
from involvement_pages.dashboard.representativeness import (
    can_see_breakdown,
    representation_score,
    representation_scores,
    representativeness_section,
)
from involvement_pages.roles import EDITORS, EQUALITY, OFFICERS
from involvement_pages.years import year_of
from tests.forms.factories import (
    EqualityFactory,
    PersonFactory,
    SignUpFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.factories import LandlordFactory
from tests.staff import staff

YEAR = year_of(datetime.date(2026, 6, 1))
CAME = datetime.date(2026, 6, 10)


@pytest.fixture
def event(menu):
    return SignUpFormPageFactory(parent=menu)


def involved(event, count, landlord=None, **answers):
    """``count`` people who came to ``event`` in the year, with ``answers`` (or none)."""
    people = []
    for _ in range(count):
        person = PersonFactory(landlord=landlord)
        if answers:
            EqualityFactory(person=person, **answers)
        SignUpFactory(page=event, person=person, attended_on=CAME)
        people.append(person)
    return people


def profile(landlord=None, customers=1000, groups=(), year=2026, source=""):
    made = CustomerProfile.objects.create(
        landlord=landlord, year=year, customers=customers, source=source
    )
    for characteristic, group, count in groups:
        other = ""
        if ":" in characteristic:
            characteristic, other = characteristic.split(":")
        ProfileGroup.objects.create(
            profile=made,
            characteristic=characteristic,
            other_characteristic=other,
            group=group,
            count=count,
        )
    return made


PROFILE_GROUPS = [
    ("age_band", "35_44", 400),
    ("age_band", "65_74", 250),
    ("age_band", "75_plus", 3),
    ("gender", "woman", 550),
    ("gender", "man", 420),
]


@pytest.fixture
def thirty(event):
    people = involved(event, 20, age_band="65_74", gender="woman")
    people += involved(event, 6, age_band="35_44", gender="man")
    people += involved(event, 1, age_band="35_44", gender="prefer_not_to_say")
    people += involved(event, 3)
    return people


def request_for(user):
    request = RequestFactory().get("/admin/involvement/dashboard/")
    request.user = user
    return request


def rendered(section, request):
    """The section as the dashboard shows it: its template, then every table's cells."""
    html = render_to_string(section.template, section.context, request)
    for table in section.tables:
        html += "\n".join([table.caption, *map(str, table.headers), *table.notes])
        html += "\n".join(" | ".join(map(str, row)) for row in table.rows)
    return html


def tables(section):
    return {table.slug: table for table in section.tables}


@pytest.mark.django_db
def test_the_equality_group_sees_counts_shares_and_rates_side_by_side(client, thirty):
    profile(groups=PROFILE_GROUPS)
    user = staff(client, OFFICERS, EQUALITY)
    request = request_for(user)
    section = representativeness_section(request, YEAR)
    gender = tables(section)["representativeness-gender"]
    assert gender.headers[1:4] == ["Customers", "% of customers", "People involved"]
    assert gender.rows == [
        # 20 / 550 = 3.64% of women took part; 6 / 420 = 1.43% of men.
        ["Woman", 550, Decimal("55.0"), 20, Decimal("66.7"), Decimal("3.64")],
        ["Man", 420, Decimal("42.0"), 6, Decimal("20.0"), Decimal("1.43")],
        # Not in the profile, so not compared; both small counts hide each other.
        ["Prefer not to say", None, None, "fewer than 5", "not shown", None],
        ["Not known", 30, Decimal("3.0"), "fewer than 5", "not shown", None],
        ["Total", 1000, Decimal("100"), 30, Decimal("100"), Decimal("3.00")],
    ]


@pytest.mark.django_db
def test_a_lone_small_count_takes_its_neighbour_with_it_in_both_columns(client, thirty):
    profile(groups=PROFILE_GROUPS)
    user = staff(client, EQUALITY)
    age = tables(representativeness_section(request_for(user), YEAR))["representativeness-age-band"]
    assert age.rows == [
        # Involved: 7, 20, 0, 3. The 3 alone would be 30 - 7 - 20 - 0, so the 7 goes too.
        ["35 to 44", 400, Decimal("40.0"), "not shown", "not shown", "not shown"],
        # Customers: 400, 250, 3, 347. The 3 alone would be 1000 - 997, so the 250 goes.
        ["65 to 74", "not shown", "not shown", 20, Decimal("66.7"), "not shown"],
        ["75 or over", "fewer than 5", "not shown", 0, Decimal("0.0"), "not shown"],
        ["Not known", 347, Decimal("34.7"), "fewer than 5", "not shown", None],
        ["Total", 1000, Decimal("100"), 30, Decimal("100"), Decimal("3.00")],
    ]
    shown = [cell for row in age.rows[:-1] for cell in row[3:4] if isinstance(cell, int)]
    # 30 minus what is shown leaves 10 for two hidden cells: the 3 cannot be worked out.
    assert 30 - sum(shown) == 10


@pytest.mark.django_db
def test_the_score_is_the_lowest_rate_over_the_highest(client, thirty):
    profile(groups=PROFILE_GROUPS)
    scores = {score.name: score.score for score in representation_scores(YEAR)}
    # Gender: (6 / 420) / (20 / 550) = 3300 / 8400 = 0.39. Age: nobody over 75 took part.
    assert scores == {"Gender": Decimal("0.39"), "Age band": Decimal("0.00")}


def test_groups_with_no_customers_and_unknowns_are_left_out_of_the_score():
    from involvement_pages.dashboard.representativeness import GroupRow

    rows = [
        GroupRow("Woman", 100, 10),
        GroupRow("Man", 100, 5),
        GroupRow("Non-binary", 0, 0),
        GroupRow("Not known", 50, 40, compared=False),
    ]
    assert representation_score(rows) == Decimal("0.50")
    assert representation_score(rows[:1]) is None
    assert representation_score([GroupRow("A", 10, 0), GroupRow("B", 10, 0)]) is None


def test_no_score_when_it_would_give_away_a_group_of_fewer_than_5():
    from involvement_pages.dashboard.representativeness import GroupRow

    # 0.30 with the profile's 100 and 1,000 beside it would say exactly 3 men took part.
    assert representation_score([GroupRow("Woman", 1000, 100), GroupRow("Man", 100, 3)]) is None
    assert representation_score([GroupRow("Woman", 1000, 4), GroupRow("Man", 100, 0)]) is None
    assert representation_score([GroupRow("Woman", 1000, 100), GroupRow("Man", 100, 5)]) == (
        Decimal("0.50")
    )


@pytest.mark.django_db
def test_other_officers_see_only_the_score(client, thirty):
    profile(groups=PROFILE_GROUPS)
    user = staff(client, OFFICERS)
    assert not can_see_breakdown(user)
    request = request_for(user)
    section = representativeness_section(request, YEAR)
    assert [table.slug for table in section.tables] == ["representation-scores"]
    assert section.tables[0].rows == [["Age band", Decimal("0.00")], ["Gender", Decimal("0.39")]]
    html = rendered(section, request)
    assert "Only the Equality data group sees how many people in each group" in html
    assert "Woman" not in html
    assert "fewer than 5" not in html
    assert "How the score is worked out" in html


@pytest.mark.django_db
def test_nobody_sees_a_name_in_this_view(client, thirty):
    profile(groups=PROFILE_GROUPS)
    user = staff(client, OFFICERS, EQUALITY)
    request = request_for(user)
    html = rendered(representativeness_section(request, YEAR), request)
    assert "Woman" in html
    for person in thirty:
        assert person.name not in html
        assert person.email not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("people", "breakdown"), [(4, False), (5, False), (24, False), (25, True)])
def test_no_breakdown_nor_score_for_fewer_than_25_people(client, event, people, breakdown):
    involved(event, people, gender="woman", age_band="65_74")
    profile(groups=PROFILE_GROUPS)
    user = staff(client, OFFICERS, EQUALITY)
    request = request_for(user)
    section = representativeness_section(request, YEAR)
    html = rendered(section, request)
    assert bool(section.tables) is breakdown
    assert ("Fewer than 25 people were involved" in html) is not breakdown
    assert bool(representation_scores(YEAR)) is breakdown
    if people == 4:
        assert "fewer than 5" not in html.replace("Fewer than 25", "")


@pytest.mark.django_db
def test_erased_people_and_other_years_are_not_counted(client, event, thirty):
    profile(groups=PROFILE_GROUPS)
    thirty[0].erased_at = timezone.now()
    thirty[0].save()
    SignUpFactory(page=event, attended_on=datetime.date(2025, 6, 1))  # last year
    user = staff(client, EQUALITY)
    gender = tables(representativeness_section(request_for(user), YEAR))[
        "representativeness-gender"
    ]
    assert gender.rows[0][3] == 19
    assert gender.rows[-1][3] == 29


@pytest.mark.django_db
def test_a_landlord_is_set_against_its_own_profile(client, event, thirty):
    erimus = LandlordFactory(name="Erimus Housing")
    involved(event, 25, landlord=erimus, gender="man")
    profile(groups=PROFILE_GROUPS)
    profile(
        landlord=erimus, customers=200, groups=[("gender", "Man", 100), ("gender", "woman", 90)]
    )
    user = staff(client, EQUALITY)
    request = request_for(user)
    section = representativeness_section(request, YEAR, erimus)
    gender = tables(section)["representativeness-gender"]
    assert [row[:4] for row in gender.rows] == [
        ["Man", 100, Decimal("50.0"), 25],
        ["Woman", 90, Decimal("45.0"), 0],
        ["Not known", 10, Decimal("5.0"), 0],
        ["Total", 200, Decimal("100"), 25],
    ]


@pytest.mark.django_db
def test_without_a_profile_the_section_says_how_to_add_one(client, thirty):
    user = staff(client, EQUALITY)
    request = request_for(user)
    section = representativeness_section(request, YEAR)
    html = rendered(section, request)
    assert "There is no customer profile for the whole group for 2026/27" in html
    assert "Add a customer profile" in html
    assert section.tables == []


@pytest.mark.django_db
def test_nothing_to_show_without_a_profile_or_anyone_involved(client):
    user = staff(client, EQUALITY)
    assert representativeness_section(request_for(user), YEAR) is None


@pytest.mark.django_db
def test_another_characteristic_is_shown_not_compared(client, thirty):
    groups = [
        *PROFILE_GROUPS,
        ("other:First language", "English", 900),
        ("other:First language", "Polish", 60),
    ]
    profile(groups=groups)
    user = staff(client, EQUALITY)
    request = request_for(user)
    section = representativeness_section(request, YEAR)
    language = tables(section)["customer-profile-first-language"]
    assert language.rows == [
        ["English", 900, Decimal("90.0")],
        ["Polish", 60, Decimal("6.0")],
        ["Not known", 40, Decimal("4.0")],
        ["Total", 1000, Decimal("100")],
    ]
    assert "shown for information only" in language.notes[0]
    assert "First language" not in [score.name for score in representation_scores(YEAR)]


# Entering a profile


def group(characteristic, name, count=10, other=""):
    return ProfileGroup(
        profile=CustomerProfile(year=2026, customers=100),
        characteristic=characteristic,
        other_characteristic=other,
        group=name,
        count=count,
    )


@pytest.mark.parametrize(
    ("typed", "stored"), [("Woman", "woman"), ("WOMAN", "woman"), (" woman ", "woman")]
)
def test_a_group_is_one_of_the_registers_answers_by_label_or_value(typed, stored):
    entered = group("gender", typed)
    entered.clean()
    assert entered.group == stored


def test_an_unknown_group_lists_the_allowed_ones():
    with pytest.raises(ValidationError) as error:
        group("gender", "Female").clean()
    message = error.value.message_dict["group"][0]
    assert "Female is not one of the register's groups for gender" in message
    assert "Woman, Man, Non-binary, In another way, Prefer not to say" in message


def test_another_characteristic_needs_its_name_and_takes_any_group():
    with pytest.raises(ValidationError) as error:
        group("other", "Polish").clean()
    assert "other_characteristic" in error.value.message_dict
    entered = group("other", "Polish", other="First language")
    entered.clean()
    assert entered.group == "Polish"


def test_groups_cannot_add_up_to_more_than_the_customers():
    rows = [("gender", "", "woman", 60), ("gender", "", "Man", 50), ("age_band", "", "35_44", 99)]
    assert count_problems(100, rows) == [
        "The groups under Gender add up to 110, more than the 100 customers in the profile."
    ]
    assert count_problems(110, rows) == []
    assert count_problems(200, [*rows, ("gender", "", "Woman", 1)]) == [
        "Woman is listed twice under Gender."
    ]


# The admin


ADD = "wagtailsnippets_involvement_dashboard_customerprofile:add"


def profile_form(customers, groups):
    rows = [
        {"characteristic": c, "other_characteristic": o, "group": g, "count": str(n)}
        for c, o, g, n in groups
    ]
    return nested_form_data(
        {
            "year": "2026",
            "customers": str(customers),
            "source": "Housing management system, 1 April 2026",
            "groups": inline_formset(rows),
        }
    )


@pytest.mark.django_db
def test_an_officer_enters_a_profile_with_the_registers_groups(client, officer):
    data = profile_form(1000, [("gender", "", "Woman", 550), ("gender", "", "MAN", 420)])
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302
    saved = CustomerProfile.objects.get()
    assert [(g.group, g.count) for g in saved.groups.all()] == [("woman", 550), ("man", 420)]
    assert str(saved.groups.first()) == "Gender: Woman"


@pytest.mark.django_db
def test_the_admin_explains_groups_that_do_not_fit(client, officer):
    data = profile_form(
        1000,
        [("gender", "", "Woman", 600), ("gender", "", "man", 420), ("religion", "", "Pagan", 5)],
    )
    page = html.unescape(client.post(reverse(ADD), data).content.decode())
    assert "Pagan is not one of the register's groups for religion or belief. Use one of:" in page
    assert "No religion, Christian, Buddhist" in page
    assert not CustomerProfile.objects.exists()
    data = profile_form(1000, [("gender", "", "Woman", 600), ("gender", "", "man", 420)])
    page = html.unescape(client.post(reverse(ADD), data).content.decode())
    assert "The groups under Gender add up to 1,020, more than the 1,000 customers" in page
    assert not CustomerProfile.objects.exists()


@pytest.mark.django_db
def test_fewer_customers_than_the_groups_hold_is_refused_on_edit(client, officer):
    made = profile(customers=1000, groups=[("gender", "woman", 550), ("gender", "man", 420)])
    rows = [
        {"id": g.pk, "characteristic": g.characteristic, "group": g.group, "count": str(g.count)}
        for g in made.groups.all()
    ]
    data = nested_form_data(
        {"year": "2026", "customers": "900", "groups": inline_formset(rows, initial=2)}
    )
    url = reverse("wagtailsnippets_involvement_dashboard_customerprofile:edit", args=[made.pk])
    page = html.unescape(client.post(url, data).content.decode())
    assert page.count("The groups under Gender add up to 970, more than the 900 customers") == 1
    made.refresh_from_db()
    assert made.customers == 1000


@pytest.mark.django_db
def test_officers_find_profiles_and_surveys_in_the_admin(client, officer):
    made = profile(groups=PROFILE_GROUPS)
    listing = client.get(reverse("wagtailsnippets_involvement_dashboard_customerprofile:list"))
    assert listing.status_code == 200
    assert "Whole group 2026/27" in listing.content.decode()
    edit = reverse("wagtailsnippets_involvement_dashboard_customerprofile:edit", args=[made.pk])
    assert client.get(edit).status_code == 200
    waves = reverse("wagtailsnippets_involvement_dashboard_satisfactionwave:add")
    assert client.get(waves).status_code == 200
    SatisfactionWave.objects.create(
        name="TSM 2025/26", held_on=datetime.date(2026, 3, 31), method="online", sample_size=412
    )
    listing = client.get(reverse("wagtailsnippets_involvement_dashboard_satisfactionwave:list"))
    assert "TSM 2025/26" in listing.content.decode()
    assert "31 Mar 2026" in listing.content.decode()


@pytest.mark.django_db
def test_editors_cannot_open_customer_profiles(client):
    staff(client, EDITORS)
    listing = client.get(reverse("wagtailsnippets_involvement_dashboard_customerprofile:list"))
    assert listing.status_code in (302, 403)


# The demo


@pytest.mark.django_db
def test_the_demo_profile_comes_from_the_seeds_and_loads_once(db):
    load_dashboard()
    load_dashboard()
    saved = CustomerProfile.objects.get()
    assert saved.landlord is None
    assert saved.customers == 32000
    assert "more than 32,000 homes" in saved.source
    assert not saved.groups.exists()


@pytest.mark.django_db
def test_the_section_takes_the_same_few_queries_for_more_people(client, event, thirty):
    profile(groups=PROFILE_GROUPS)
    user = staff(client, OFFICERS, EQUALITY)
    request = request_for(user)
    representativeness_section(request, YEAR)  # the user's permissions are cached after this
    with CaptureQueriesContext(connection) as small:
        representativeness_section(request, YEAR)
    involved(event, 40, age_band="16_24", gender="non_binary", ethnicity="white_roma")
    with CaptureQueriesContext(connection) as larger:
        representativeness_section(request, YEAR)
    assert len(small) == len(larger) <= 4
