"""Withdrawing equality consent from the link in an email: keyboard only, no axe violations,
and usable at 320px wide."""

from urllib.parse import urlsplit

import pytest

from forms.models import EqualityMonitoring, Person, RegisterSubmission
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_forms_browser import tab_to
from tests.forms.factories import EqualityFactory, RegisterFormPageFactory


@pytest.fixture
def join_page(menu):
    return RegisterFormPageFactory(parent=menu)


def test_withdrawing_consent_by_keyboard_at_320px_with_no_axe_violations(
    live_server, browser_page, join_page
):
    person = Person.objects.create(name="Ada Example", email="ada@example.com")
    EqualityFactory(person=person)
    joined = RegisterSubmission.objects.create(page=join_page, person=person, form_data={})
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + urlsplit(join_page.withdraw_equality_url(joined)).path)
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Your equality answers have been deleted"
    assert_no_axe_violations(page)
    assert not EqualityMonitoring.objects.exists()
