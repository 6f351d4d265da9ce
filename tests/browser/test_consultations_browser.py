"""A resident gives their views on a 320px screen: axe finds nothing, nothing scrolls sideways,
the error summary leads to the question, and it all works without JavaScript."""

import datetime

from django.utils import timezone

import pytest

from involvement_pages.consultations.models import ConsultationResponse
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_small_screens_browser import OVERFLOW, PHONE
from tests.involvement_pages.consultations.conftest import with_questions
from tests.involvement_pages.consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)


@pytest.fixture
def pages(home):
    index = ConsultationIndexPageFactory(parent=home)
    open_one = with_questions(
        ConsultationPageFactory(
            parent=index,
            slug="repairs",
            title="Repairs service standard review: tell us what matters most to you",
            ask_for_contact=True,
            contact_reason="If you would like us to tell you what we decide.",
        )
    )
    ended = timezone.now() - datetime.timedelta(days=3)
    closed = ConsultationPageFactory(
        parent=index,
        slug="rent",
        opens_at=ended - datetime.timedelta(days=30),
        closes_at=ended,
        outcome_summary="<p>Rent letters are now on one page, in plain English.</p>",
        outcome_url="https://thirteen.example/you-said-we-did/",
    )
    return index, open_one, closed


def test_consultation_pages_pass_axe_and_fit_320px(live_server, browser, pages):
    index, open_one, closed = pages
    page = browser.new_context(viewport=PHONE).new_page()
    checked = {}
    for name, url in {
        "list": index.url,
        "open": open_one.url,
        "closed": closed.url,
    }.items():
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)
        checked[name] = page.evaluate(OVERFLOW)

    page.goto(live_server.url + open_one.url)
    page.get_by_role("button", name="Send your views").click()
    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert_no_axe_violations(page)
    checked["errors"] = page.evaluate(OVERFLOW)
    summary.get_by_role("link", name="Answer the question: Which repair matters most").click()
    assert page.evaluate("document.activeElement.id") == "id_which_repair_matters_most_to_you_0"

    page.get_by_role("radio", name="Keeping appointments").check()
    page.get_by_role("checkbox", name="Text message").check()
    page.get_by_label("Anything else about repairs?").fill('<script>alert("x")</script>')
    page.get_by_role("button", name="Send your views").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your views"
    assert_no_axe_violations(page)
    checked["thanks"] = page.evaluate(OVERFLOW)

    assert checked == dict.fromkeys(checked)
    saved = ConsultationResponse.objects.get()
    assert saved.form_data["how_would_you_like_to_hear_back_from_us"] == ["Text message"]
    assert saved.respondent_name == ""
    page.context.close()


def test_giving_views_works_without_javascript(live_server, browser, pages):
    _index, open_one, _closed = pages
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + open_one.url)
    page.get_by_role("radio", name="Getting it right first time").check()
    page.get_by_label("Your name (optional)").fill("Zoë Smith")

    page.get_by_role("button", name="Send your views").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your views"
    assert ConsultationResponse.objects.get().respondent_name == "Zoë Smith"
    context.close()
