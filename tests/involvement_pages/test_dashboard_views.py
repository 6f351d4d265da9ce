"""The dashboard page: who may open it, its filters, its tables, charts and CSV downloads."""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from forms.models import Person
from involvement_pages.choices import Level
from involvement_pages.dashboard.profiles import CustomerProfile, ProfileGroup, SatisfactionWave
from involvement_pages.expenses.models import ClaimStatus
from involvement_pages.roles import EDITORS, EQUALITY, OFFICERS
from involvement_pages.snippets import SupportOption
from involvement_pages.years import year_of
from tests.forms.factories import (
    EqualityFactory,
    PersonFactory,
    SignUpFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.factories import AreaFactory, OpportunityPageFactory
from tests.involvement_pages.money_factories import (
    ExpenseClaimFactory,
    ExpenseLineFactory,
    mileage,
)
from tests.involvement_pages.outcomes.factories import OutcomeFactory
from tests.involvement_pages.panels.factories import (
    LandlordFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db

URL = "/admin/involvement/dashboard/"
QUERY_BOUND = 30


def involved_people(area_name="North", count=3):
    today = timezone.localdate()
    area = AreaFactory(name=area_name)
    for _n in range(count):
        person = PersonFactory(area=area, date_joined=today)
        MembershipFactory(person=person, start_date=year_of(today).start)
    return area


def test_officers_see_the_dashboard(client):
    staff(client, OFFICERS)
    involved_people()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "People involved" in html
    assert '<caption id="table-people-by-area-caption">People involved by area</caption>' in html
    assert '<th scope="row">North</th>' in html


def test_superusers_see_the_dashboard(client):
    client.force_login(User.objects.create_superuser("root"))
    assert client.get(URL).status_code == 200


def test_editors_without_the_register_are_refused(client):
    staff(client, EDITORS)
    involved_people()
    for url in (URL, URL + "csv/people-by-area/"):
        response = client.get(url)
        # Wagtail sends a refused admin user back to the dashboard with a message.
        assert (response.status_code, response.get("Location")) == (302, "/admin/")


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_menu_shows_the_dashboard_to_officers_only(client):
    staff(client, OFFICERS, username="officer")
    assert URL in client.get("/admin/").content.decode()
    staff(client, EDITORS, username="editor")
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("params", "warning"),
    [
        ({"year": "abc"}, "There is no such year"),
        ({"year": "99999"}, "There is no such year"),
        ({"year": "-1"}, "There is no such year"),
        ({"landlord": "999999"}, "There is no such landlord"),
        ({"landlord": "abc"}, "There is no such landlord"),
        ({"year": ["2025", "x"], "landlord": ""}, None),
    ],
)
def test_bad_filters_fall_back_to_this_year_and_all_landlords(client, params, warning):
    staff(client, OFFICERS)
    response = client.get(URL, params)
    assert response.status_code == 200
    if warning:
        assert warning in response.content.decode()
    assert client.get(URL + "csv/figures/", params).status_code == 200


def test_a_year_and_landlord_are_chosen(client):
    staff(client, OFFICERS)
    alpha = LandlordFactory(name="Alpha Homes")
    response = client.get(URL, {"year": "2023", "landlord": alpha.pk})
    html = response.content.decode()
    assert "Figures for 2023/24" in html
    assert "Alpha Homes." in html
    assert (
        f'href="/admin/involvement/dashboard/csv/figures/?year=2023&amp;landlord={alpha.pk}"'
        in (html)
    )


def test_each_figure_links_to_its_list(client):
    staff(client, OFFICERS)
    html = client.get(URL).content.decode()
    assert '<a href="/admin/involvement/overdue-recommendations/">Overdue recommendations</a>' in (
        html
    )
    assert '<a href="/admin/involvement_expense_claims/?status=approved">' in html


def test_charts_are_pictures_of_their_tables(client):
    staff(client, OFFICERS)
    involved_people("North", 2)
    involved_people("South", 1)
    html = client.get(URL).content.decode()
    charts = re.findall(r'<svg[^>]*class="dashboard-chart"[^>]*>', html)
    assert charts, "the bar charts are drawn"
    for svg in charts:
        assert 'role="img"' in svg
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        assert f'<caption id="{labelled_by}">' in html
    assert "style=" not in html.split("<main", 1)[-1]
    assert "<script" not in html.split("<main", 1)[-1]


def test_csv_download_has_the_tables_rows_with_formulas_made_inert(client):
    staff(client, OFFICERS)
    involved_people('=HYPERLINK("http://evil.example")', 2)
    involved_people("South", 1)
    response = client.get(URL + "csv/people-by-area/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    year = year_of(timezone.localdate()).start.year
    assert f'filename="involvement-people-by-area-{year}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Area", "People"],
        ['\'=HYPERLINK("http://evil.example")', "2"],
        ["South", "1"],
    ]


def test_the_figures_csv_gives_each_figure_and_target(client):
    staff(client, OFFICERS)
    involved_people()
    rows = list(
        csv.reader(io.StringIO(client.get(URL + "csv/figures/").content.decode("utf-8-sig")))
    )
    assert rows[0] == ["Figure", "Value", "Target", "Notes"]
    assert rows[1][:2] == ["People involved", "3"]
    assert rows[1][3] == "No target: enter a customer profile."


def test_an_unknown_table_is_not_found(client):
    staff(client, OFFICERS)
    assert client.get(URL + "csv/no-such-table/").status_code == 404


def add_records(menu, size):
    """``size`` of everything the dashboard counts, in this year."""
    today = timezone.localdate()
    start = year_of(today).start
    landlord = LandlordFactory()
    form = SignUpFormPageFactory(parent=menu)
    OpportunityPageFactory(parent=menu, level=Level.GIVING_VIEWS, sign_up_page=form)
    option = SupportOption.objects.filter(slug="travel-expenses").first() or mileage()
    for n in range(size):
        area = AreaFactory(name=f"Area {size}-{n}")
        person = PersonFactory(landlord=landlord, area=area, date_joined=start)
        SignUpFactory(page=form, person=person, attended_on=start)
        panel = PanelFactory(target_meetings_a_year=4, landlords=[landlord])
        MembershipFactory(panel=panel, person=person, start_date=start)
        MeetingFactory(panel=panel, date=start, attendees=[person])
        claim = ExpenseClaimFactory(
            person=person,
            meeting=None,
            status=ClaimStatus.PAID,
            submitted_on=start,
            activity_date=start,
            paid_on=start + datetime.timedelta(days=n),
        )
        ExpenseLineFactory(claim=claim, option=option)
        OutcomeFactory(date=start, landlord=landlord, panel=panel)


def dashboard_queries(client):
    client.get(URL)  # Wagtail's caches warmed, so both sizes are measured alike
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_records(client, menu):
    staff(client, OFFICERS)
    add_records(menu, 1)
    small = dashboard_queries(client)
    add_records(menu, 6)
    large = dashboard_queries(client)
    assert small == large
    assert large <= QUERY_BOUND


def profile_and_survey(year):
    profile = CustomerProfile.objects.create(year=year.start.year, customers=1000)
    ProfileGroup.objects.create(profile=profile, characteristic="gender", group="woman", count=550)
    ProfileGroup.objects.create(profile=profile, characteristic="gender", group="man", count=450)
    SatisfactionWave.objects.create(
        name="Tenant Satisfaction Measures 2026",
        held_on=year.start,
        method="postal",
        sample_size=612,
        tp06=Decimal("61.5"),
    )


def test_representativeness_and_satisfaction_show_with_their_words_and_tables(client):
    """Every section's own words and its tables: the scores for any officer, the counts by
    group for the Equality data group only."""
    today = timezone.localdate()
    profile_and_survey(year_of(today))
    involved_people(count=30)
    for number, person in enumerate(Person.objects.all()):
        EqualityFactory(person=person, gender="woman" if number % 3 else "man")

    staff(client, OFFICERS)
    officer_html = client.get(URL).content.decode()
    staff(client, OFFICERS, EQUALITY)
    equality_html = client.get(URL).content.decode()

    for html in (officer_html, equality_html):
        assert "Set against the customer profile" in html
        assert "Representation score by characteristic" in html
        assert "The latest survey is Tenant Satisfaction Measures 2026" in html
        assert "612" in html
    assert "Only the Equality data group sees how many people" in officer_html
    assert 'id="table-representativeness-gender-caption"' not in officer_html
    assert 'id="table-representativeness-gender-caption"' in equality_html
