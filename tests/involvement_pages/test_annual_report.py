"""The public annual report: editors' words, live public figures, small numbers protected."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.contrib.staticfiles import finders

from wagtail.models import Page

import pytest

from cms_site.demo.annual_report import load_annual_report
from involvement_pages.dashboard import annual_report
from involvement_pages.dashboard.annual_report import AnnualReportPage
from involvement_pages.dashboard.figures import Figure
from involvement_pages.dashboard.representativeness import Score
from tests.forms.factories import PersonFactory
from tests.involvement_pages.factories import LandlordFactory

pytestmark = pytest.mark.django_db

WORDS = "Our Customer Council reviewed this report before we published it."


def make_report(home, body=(), **kwargs):
    page = AnnualReportPage(
        title="Involvement annual report 2025/26",
        slug="annual-report-2025",
        year=2025,
        intro="How residents shaped our services this year.",
        body=json.dumps(list(body)),
        **kwargs,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def join(count, day=datetime.date(2025, 6, 1), **kwargs):
    for _n in range(count):
        PersonFactory(date_joined=day, **kwargs)


def test_the_report_shows_the_editors_words_and_the_years_figures(client, home):
    join(7)
    join(3, day=datetime.date(2024, 6, 1))  # the year before: not counted
    page = make_report(
        home,
        body=[
            {"type": "heading", "value": "What changed"},
            {"type": "paragraph", "value": f"<p>{WORDS}</p>"},
            {"type": "figures", "value": {"heading": "Our year in numbers"}},
        ],
    )

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "How residents shaped our services this year." in html
    assert WORDS in html
    assert "The whole group, 2025/26" in html
    assert "Our year in numbers" in html
    assert "<dt>New people</dt>" in html
    assert "<dd>7</dd>" in html
    # The figures come where the editor put them, after the words, and only once.
    assert html.index(WORDS) < html.index("Our year in numbers")
    assert html.count("<dt>New people</dt>") == 1
    assert 'href="/static/involvement_dashboard/annual_report.css"' in html
    assert "style=" not in html
    assert "<script>" not in html


def test_figures_come_after_the_words_when_the_editor_places_none(client, home):
    join(6)
    page = make_report(home, body=[{"type": "paragraph", "value": f"<p>{WORDS}</p>"}])

    html = client.get(page.url).content.decode()

    assert html.index(WORDS) < html.index("The year in numbers")
    assert "<dd>6</dd>" in html


@pytest.mark.parametrize(("joined", "shown"), [(0, "0"), (4, "fewer than 5"), (5, "5")])
def test_small_numbers_of_people_are_protected(client, home, joined, shown):
    join(joined)
    page = make_report(home)

    html = client.get(page.url).content.decode()

    assert f"<dt>New people</dt>\n                    <dd>{shown}</dd>" in html


def test_only_public_figures_appear(client, home, monkeypatch):
    def figures(year, landlord=None):
        return [
            Figure("outcomes", "Changes made because residents asked", 12, public=True),
            Figure("claims_unpaid", "Expense claims unpaid", 9, unit="pounds"),
            Figure("budget_spent", "Involvement budget spent", 1234, unit="pounds", public=True),
            Figure("involved", "People involved", 300, unit="people", target=3000, public=True),
        ]

    monkeypatch.setattr(annual_report, "dashboard_figures", figures)
    page = make_report(home)

    html = client.get(page.url).content.decode()

    assert "Changes made because residents asked" in html
    assert "£1,234" in html
    assert "(target 3,000)" in html
    assert "Expense claims unpaid" not in html


def test_the_report_counts_one_landlords_people(client, home):
    ours, theirs = LandlordFactory(name="Tees Valley Homes"), LandlordFactory()
    join(6, landlord=ours)
    join(9, landlord=theirs)
    page = make_report(home, landlord=ours)

    html = client.get(page.url).content.decode()

    assert "Tees Valley Homes, 2025/26" in html
    assert "<dd>6</dd>" in html
    assert "<dd>9</dd>" not in html
    assert "<dd>15</dd>" not in html


def test_representation_scores_show_but_no_breakdown(client, home, monkeypatch, admin_user):
    asked = []

    def scores(year, landlord=None):
        asked.append(year)
        return [Score("age_band", "Age band", Decimal("0.42"))]

    monkeypatch.setattr(annual_report, "representation_scores", scores)
    page = make_report(
        home, body=[{"type": "representation", "value": {"heading": "Who takes part"}}]
    )
    client.force_login(admin_user)  # even a superuser reading it sees the public page

    html = client.get(page.url).content.decode()

    assert "Who takes part" in html
    assert "0.42" in html
    assert asked, "the scores come from the records"


def test_the_report_says_so_when_there_is_no_profile(client, home):
    page = make_report(home, body=[{"type": "representation", "value": {"heading": ""}}])

    html = client.get(page.url).content.decode()

    assert "it needs our customer profile for the year and at least 25 people involved" in html


def test_the_report_is_cached_for_visitors_like_other_public_pages(client, home, settings):
    settings.INVOLVEMENT_PAGE_CACHE_SECONDS = 300
    page = make_report(home)
    client.get(home.url)  # the site's contact details are made on the first page shown

    first = client.get(page.url)
    second = client.get(page.url)

    assert first["X-Involvement-Cache"] == "miss"
    assert second["X-Involvement-Cache"] == "hit"


def test_editors_may_add_an_annual_report_anywhere_pages_go(home):
    assert AnnualReportPage.can_create_at(Page.objects.get(pk=home.pk).specific)
    assert AnnualReportPage.allowed_subpage_models() == []


def test_the_print_stylesheet_keeps_tables_whole():
    css = Path(finders.find("involvement_dashboard/annual_report.css")).read_text()
    assert "@media print" in css
    assert "break-inside: avoid" in css


def test_the_demo_has_last_years_report_with_its_figures(demo_site, client):
    page = AnnualReportPage.objects.get()

    response = client.get(page.url)

    assert page.url == f"/annual-report-{page.year}/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thirteen Customer Council reviewed this report" in html
    assert "The year in numbers" in html
    assert "<dt>People involved</dt>" in html
    load_annual_report()
    assert AnnualReportPage.objects.count() == 1
