"""Applying for a grant online, in a real browser at 320px, checked with axe-core."""

from involvement_pages.grants.models import GrantApplication
from tests.browser.conftest import assert_no_axe_violations
from tests.involvement_pages.grants.test_grant_application_form import (  # noqa: F401 (fixtures)
    chest,
    elm_court,
    form_page,
    fresh_rate_limit,
)


def test_a_resident_applies_on_a_small_screen(live_server, browser, form_page, elm_court):  # noqa: F811
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + form_page.url)
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email address").fill("grace@example.com")
    page.get_by_label("Which group is applying?").select_option(label=elm_court.name)
    page.get_by_label("How much are you asking for?").fill("lots")
    page.get_by_role("button", name="Send your application").click()

    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert "Enter the name of your project" in summary.inner_text()
    assert page.get_by_label("Full name").input_value() == "Grace Hopper"
    assert_no_axe_violations(page)

    page.get_by_label("What is your project called?").fill("Lunch club")
    page.get_by_label("What will the money pay for?").fill("A weekly lunch.")
    page.get_by_label("How much are you asking for?").fill("£1,500")
    page.get_by_role("button", name="Send your application").click()

    page.wait_for_url("**/thanks/**")
    assert page.get_by_role("heading", level=1).inner_text() == "We have your application"
    assert_no_axe_violations(page)
    assert GrantApplication.objects.get().project == "Lunch club"
    context.close()
