from datetime import date, time

from django.contrib.auth.models import User

import pytest
from playwright.sync_api import expect

from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Saving is tested with Django's client (tests/involvement_pages/calendar); here, only what
# the editor's script shows and hides, which no server-side test can see.

PASSWORD = "correct-horse-battery"


def test_editor_sees_only_the_repeat_choices_that_apply(live_server, browser, home):
    User.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    calendar = CalendarPageFactory(parent=home)
    event = EventPageFactory(
        parent=calendar,
        title="Customer Council",
        start_date=date(2027, 1, 12),
        start_time=time(17, 30),
        end_time=time(19, 30),
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(f"{live_server.url}/admin/pages/{event.pk}/edit/")
    expect(page.get_by_text("Does not repeat.", exact=True)).to_be_visible()
    expect(page.get_by_label("How often")).to_be_hidden()

    page.get_by_label("Every week, or every few weeks, on the days you tick").check()
    expect(page.get_by_label("Tuesday", exact=True)).to_be_visible()
    expect(page.get_by_label("Date of the month")).to_be_hidden()

    page.get_by_label("Every month, or every few months").check()
    expect(page.get_by_label("Tuesday", exact=True)).to_be_hidden()
    page.get_by_label("On a weekday, such as the second Wednesday").check()
    expect(page.get_by_label("Which one")).to_be_visible()
    expect(page.get_by_label("Date of the month")).to_be_hidden()
    page.get_by_label("After a number of times").check()
    expect(page.get_by_label("Last date")).to_be_hidden()
    expect(page.get_by_role("spinbutton", name="Number of times")).to_be_visible()
    context.close()
