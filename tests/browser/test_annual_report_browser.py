"""The annual report in a real browser: axe-clean, readable at 320px without JavaScript,
and its figures and words kept when printed."""

import datetime
import json
from decimal import Decimal

import pytest

from involvement_pages.dashboard import annual_report
from involvement_pages.dashboard.annual_report import AnnualReportPage
from involvement_pages.dashboard.representativeness import Score
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_small_screens_browser import overflow
from tests.forms.factories import PersonFactory

PHONE = {"width": 320, "height": 640}


def scores(year, landlord=None):
    return [Score("age_band", "Age band", Decimal("0.42")), Score("ethnicity", "Ethnicity", None)]


@pytest.fixture
def report(home, monkeypatch):
    # Scores as the dashboard gives them once a customer profile is entered.
    monkeypatch.setattr(annual_report, "representation_scores", scores)
    for _n in range(3):
        PersonFactory(date_joined=datetime.date(2025, 6, 1))
    page = AnnualReportPage(
        title="Customer involvement annual report 2025/26",
        slug="annual-report-2025",
        year=2025,
        intro="How Thirteen's customers shaped our homes and services this year.",
        body=json.dumps(
            [
                {"type": "heading", "value": "Why we publish this report"},
                {
                    "type": "paragraph",
                    "value": "<p>Thirteen Customer Council reviewed this report.</p>",
                },
                {"type": "figures", "value": {"heading": "The year in numbers"}},
                {"type": "representation", "value": {"heading": "Who takes part"}},
            ]
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_report_reads_on_a_320px_screen_without_javascript(live_server, browser, report):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + report.url)

    assert page.get_by_role("heading", name="The year in numbers").is_visible()
    assert page.get_by_text("fewer than 5").first.is_visible()
    assert page.get_by_role("table", name="Representation score by characteristic").is_visible()
    assert overflow(page) is None
    context.close()


def test_the_report_has_no_accessibility_faults(live_server, browser_page, report):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(live_server.url + report.url)

    assert_no_axe_violations(browser_page)


def test_the_printed_report_keeps_the_words_and_figures(live_server, browser_page, report):
    browser_page.goto(live_server.url + report.url)
    browser_page.emulate_media(media="print")

    assert browser_page.get_by_text("Thirteen Customer Council reviewed this report.").is_visible()
    assert browser_page.get_by_role("heading", name="The year in numbers").is_visible()
    assert browser_page.get_by_text("0.42").is_visible()
