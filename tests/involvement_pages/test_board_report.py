"""The board report: any period, officers only, printable, and downloadable as CSV and HTML."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

import pytest

from involvement_pages.dashboard import board_report
from involvement_pages.dashboard.board_report import default_period
from involvement_pages.roles import EDITORS, OFFICERS
from tests.forms.factories import PersonFactory
from tests.involvement_pages.action_plans.factories import ActionPlanFactory, PlanActionFactory
from tests.involvement_pages.factories import LandlordFactory
from tests.involvement_pages.money_factories import (
    BudgetFactory,
    BudgetLineFactory,
    OtherCostFactory,
)
from tests.involvement_pages.scrutiny.factories import RecommendationFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

URL = reverse("involvement_board_report")
PERIOD = {"start": "2025-04-01", "end": "2025-09-30"}


@pytest.fixture
def records():
    """Six months of Thirteen's records, as the seeds' boards hear them."""
    for _n in range(6):
        PersonFactory(date_joined=datetime.date(2025, 5, 1))
    RecommendationFactory(
        text="Text customers the day before a repair", due_on=datetime.date(2025, 6, 30)
    )
    RecommendationFactory(text="Publish repair times online", due_on=datetime.date(2025, 12, 1))
    RecommendationFactory(
        text="Train staff in plain English",
        due_on=datetime.date(2025, 5, 1),
        status="done",
        evidence="Training given",
    )
    plan = ActionPlanFactory(title="Customer Involvement Strategy 2025/26")
    PlanActionFactory(plan=plan, target_date=datetime.date(2025, 6, 1), percent_done=50)  # red
    PlanActionFactory(plan=plan, target_date=datetime.date(2026, 3, 31), percent_done=100)
    budget = BudgetFactory(year=2025, homes=1000)
    BudgetLineFactory(budget=budget, amount=Decimal("90300"))
    OtherCostFactory(budget=budget, amount=Decimal("1500"))


def cells(response):
    return response.content.decode()


def test_officers_see_the_report_for_the_period_they_choose(client, officer, records):
    response = client.get(URL, PERIOD)

    assert response.status_code == 200
    html = cells(response)
    assert "Customer involvement: The whole group, 1 April 2025 to 30 September 2025" in html
    assert "New people" in html
    assert "<td>6</td>" in html
    # Overdue on the period's last day: due before it, not done.
    assert "Text customers the day before a repair" in html
    assert "Publish repair times online" not in html
    assert "Train staff in plain English" not in html
    # One red action, one green.
    plan_row = '<th scope="row">Customer Involvement Strategy 2025/26</th>'
    assert plan_row + "<td>1</td><td>0</td><td>1</td><td>0</td>" in html
    assert "£90,300" in html
    assert "£1,500" in html
    assert "£88,800" in html
    assert "£1.50" in html
    assert "board_report.css" in html
    assert "style=" not in html.split("<main", 1)[-1].split("</main>")[0]


def test_the_report_counts_one_landlords_people(client, officer):
    ours = LandlordFactory(name="Tees Valley Homes")
    for _n in range(5):
        PersonFactory(date_joined=datetime.date(2025, 5, 1), landlord=ours)
    for _n in range(8):
        PersonFactory(date_joined=datetime.date(2025, 5, 1))

    html = cells(client.get(URL, {**PERIOD, "landlord": ours.pk}))

    assert "Tees Valley Homes, 1 April 2025" in html
    assert "<td>5</td>" in html
    assert "<td>13</td>" not in html


def test_small_counts_are_protected(client, officer):
    for _n in range(3):
        PersonFactory(date_joined=datetime.date(2025, 5, 1))

    html = cells(client.get(URL, PERIOD))

    assert "<td>fewer than 5</td>" in html


def test_without_a_period_the_report_covers_the_last_six_months(client, officer):
    start, end = default_period()

    response = client.get(URL)

    assert response.status_code == 200
    assert end - start < datetime.timedelta(days=185)
    assert f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}" in cells(response)


@pytest.mark.parametrize(
    "query",
    [
        {"start": "yesterday", "end": "2025-09-30"},
        {"start": "2025-09-30", "end": "2025-04-01"},
        {"start": "0001-01-01", "end": "2025-04-01"},
        {"start": "2025-04-01", "end": "9999-12-31"},
        {"start": "2025-04-01", "end": "2025-09-30", "landlord": "99999999999999999999"},
        {"start": "2025-04-01", "end": "2025-09-30", "landlord": "tees"},
        {"start": "2025-04-01"},
    ],
)
def test_a_period_that_cannot_be_read_shows_an_error_and_the_last_six_months(
    client, officer, query
):
    response = client.get(URL, query)

    assert response.status_code == 200
    html = cells(response)
    assert "There is a problem" in html
    start, end = default_period()
    assert f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}" in html


def test_the_tables_download_as_csv(client, officer, records):
    response = client.get(URL, {**PERIOD, "download": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="board-report-group-2025-04-01-to-2025-09-30.csv"'
    )
    assert response.content.startswith("\ufeff".encode())  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["New people", "6", ""] in rows
    assert ["Involvement figures"] in rows
    assert any("Text customers the day before a repair" in row for row in rows)
    assert ["Customer Involvement Strategy 2025/26", "1", "0", "1", "0"] in rows


def test_text_a_spreadsheet_would_run_is_escaped_in_the_csv(client, officer):
    RecommendationFactory(text='=HYPERLINK("http://x")', due_on=datetime.date(2025, 6, 30))

    response = client.get(URL, {**PERIOD, "download": "csv"})

    assert "'=HYPERLINK" in response.content.decode()


def test_the_report_downloads_as_the_same_html(client, officer, records):
    response = client.get(URL, {**PERIOD, "download": "html"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="board-report-group-2025-04-01-to-2025-09-30.html"'
    )
    html = cells(response)
    assert html.startswith("<!DOCTYPE html>")
    assert "Text customers the day before a repair" in html
    assert "http://testserver/static/involvement_dashboard/board_report.css" in html
    assert "There is a problem" not in html
    assert "<form" not in html


def test_the_print_stylesheet_leaves_the_admin_off_the_paper():

    css = Path(finders.find("involvement_dashboard/board_report.css")).read_text()
    assert "@media print" in css
    assert "#wagtail-sidebar" in css


@pytest.mark.parametrize("download", ["", "csv", "html"])
def test_editors_cannot_see_the_report(client, download):
    staff(client, EDITORS)

    response = client.get(URL, {"download": download})

    # Wagtail turns a refusal into a trip back to the dashboard, with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_report_is_in_the_involvement_menu_for_officers_only(client):
    staff(client, EDITORS, username="editor")
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()

    staff(client, OFFICERS, username="officer")
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_overdue_is_as_at_today_for_a_period_still_running(client, officer, monkeypatch):
    RecommendationFactory(text="Late now", due_on=datetime.date(2025, 6, 30))
    today = datetime.date(2025, 7, 15)
    monkeypatch.setattr(board_report.timezone, "localdate", lambda: today)

    html = cells(client.get(URL, {"start": "2025-04-01", "end": "2025-12-31"}))

    assert "Late now" in html
    assert "overdue on 15 July 2025" in html
