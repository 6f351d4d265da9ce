from urllib.parse import urlsplit

import pytest

from forms.models import Person, RegisterSubmission, SignUp
from tests.browser.conftest import assert_no_axe_violations
from tests.forms.factories import RegisterFormPageFactory, SignUpFactory, SignUpFormPageFactory


@pytest.fixture
def join_page(menu):
    return RegisterFormPageFactory(parent=menu)


@pytest.fixture
def sign_up_page(menu):
    return SignUpFormPageFactory(parent=menu, title="Estate walkabout", capacity=1)


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_a_resident_joins_with_the_keyboard_only(live_server, browser_page, join_page):
    page = browser_page
    page.goto(live_server.url + join_page.url)

    tab_to(page, "#id_name")
    page.keyboard.type("Ada Example")
    tab_to(page, "#id_email")
    page.keyboard.type("ada@example.com")
    tab_to(page, "#id_tenure_0")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/thanks/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for joining"
    assert "ada@example.com" in page.content()
    assert Person.objects.get().tenure == "tenant"


def test_a_resident_with_errors_sees_the_summary_and_follows_it(
    live_server, browser_page, join_page
):
    page = browser_page
    page.goto(live_server.url + join_page.url)
    page.get_by_label("Email address").fill("not an email")

    page.get_by_role("button", name="Join").click()

    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert page.evaluate("document.activeElement.classList.contains('inv-error-summary')")
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Email address").input_value() == "not an email"
    summary.get_by_role("link", name="Enter your full name").click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert Person.objects.count() == 0


def test_joining_works_without_javascript(live_server, browser, join_page):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + join_page.url)
    page.get_by_label("Full name").fill("Ben Example")
    page.get_by_label("Phone number").fill("07700 900123")
    page.get_by_role("radio", name="Leaseholder").check()

    page.get_by_role("button", name="Join").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for joining"
    assert Person.objects.get().phone == "07700900123"
    context.close()


def test_an_autofilling_browser_does_not_fill_the_hidden_box(live_server, browser_page, join_page):
    page = browser_page
    page.goto(live_server.url + join_page.url)

    assert not page.locator("#id_more_details").is_visible()
    assert page.get_by_role("textbox", name="Leave this box empty").count() == 0


def test_a_full_sign_up_offers_the_waiting_list(live_server, browser_page, sign_up_page):
    SignUpFactory(page=sign_up_page)
    page = browser_page
    page.goto(live_server.url + sign_up_page.url)

    assert "Every place has been taken" in page.get_by_role("main").inner_text()
    page.get_by_label("Full name").fill("Cara Example")
    page.get_by_label("Email address").fill("cara@example.com")
    page.get_by_role("button", name="Join the waiting list").click()

    assert page.get_by_role("heading", level=1).inner_text() == "You are on the waiting list"
    assert SignUp.objects.get(person__email="cara@example.com").status == "waiting"


@pytest.mark.parametrize(
    "view", ["join form", "join errors", "join confirmation", "sign-up form", "sign-up errors"]
)
def test_form_pages_have_no_axe_violations(live_server, browser_page, join_page, view):
    page = browser_page
    if view.startswith("sign-up"):
        target = SignUpFormPageFactory(parent=join_page.get_parent(), capacity=5)
        submit = "Sign up"
    else:
        target, submit = join_page, "Join"
    page.goto(live_server.url + target.url)
    if view.endswith("errors"):
        page.get_by_role("button", name=submit).click()
        page.get_by_role("alert").wait_for()
    if view.endswith("confirmation"):
        page.get_by_label("Full name").fill("Ada Example")
        page.get_by_label("Email address").fill("ada@example.com")
        page.get_by_role("radio", name="Tenant", exact=True).check()
        page.get_by_role("button", name=submit).click()
        page.wait_for_url("**/thanks/**")
    if view == "join form":
        page.get_by_text("Answer the equality questions").click()  # open the optional section

    assert_no_axe_violations(page)


def test_leaving_the_register_by_keyboard_with_no_axe_violations(
    live_server, browser_page, join_page
):
    person = Person.objects.create(name="Ada Example", email="ada@example.com")
    joined = RegisterSubmission.objects.create(page=join_page, person=person, form_data={})
    page = browser_page
    page.goto(live_server.url + urlsplit(join_page.leave_url(joined)).path)
    assert_no_axe_violations(page)

    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "You have left the register"
    assert_no_axe_violations(page)
    person.refresh_from_db()
    assert not person.is_active
