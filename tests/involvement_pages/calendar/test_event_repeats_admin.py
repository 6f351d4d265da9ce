"""Editors choose how an event repeats from plain choices in the admin, not iCalendar text."""

import re
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from involvement_pages.calendar.models.events import EventException, EventPage
from involvement_pages.calendar.recurrence import WEEKDAYS
from involvement_pages.formats import govuk_date
from tests.involvement_pages.calendar.factories import (
    CalendarPageFactory,
    EventPageFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

ALL_BUT_AUGUST = "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;COUNT=11"
ADVANCED_FOLDED = re.compile(r'class="w-panel collapsed" id="[^"]*advanced_repeating_rule-section"')
NO_CHOICES = {
    "repeat_interval": "1",
    "repeat_weekdays": [],
    "repeat_monthly_by": "date",
    "repeat_month_day": "",
    "repeat_week_ordinal": "",
    "repeat_weekday": "",
    "repeat_ends": "never",
    "repeat_until": "",
    "repeat_count": "",
}


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


def event_form(venue, **fields):
    """The add or edit form as a browser posts it: Tuesday 12 January 2027, 17:30."""
    # Ticked days go as one key repeated, which nested_form_data would number instead.
    weekdays = fields.pop("repeat_weekdays", [])
    data = nested_form_data(
        {
            "title": "Customer Council meeting",
            "slug": "customer-council-meeting",
            "summary": "The monthly meeting of the Customer Council.",
            "kind": "meeting",
            "start_date": "2027-01-12",
            "start_time": "17:30",
            "end_time": "19:30",
            "rrule": "",
            "repeat_frequency": "none",
            **{name: value for name, value in NO_CHOICES.items() if name != "repeat_weekdays"},
            "exceptions": inline_formset([]),
            "venue": venue.pk,
            "location_details": "",
            "online_details": "",
            "online_url": "",
            "all_areas": "on",
            "booking": "open",
            "capacity": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "Publish",
            **fields,
        }
    )
    data["repeat_weekdays"] = weekdays
    return data


def add(client, calendar, **fields):
    url = reverse("wagtailadmin_pages:add", args=("involvement_calendar", "eventpage", calendar.pk))
    return client.post(url, event_form(VenueFactory(), **fields))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def shown_choices(response):
    """The repeat choices the edit form offers, as their posted values."""
    form = response.context["form"]
    return {name: form[name].value() for name in ("repeat_frequency", *NO_CHOICES)}


CHOICE_CASES = [
    pytest.param(
        {
            "repeat_frequency": "daily",
            "repeat_interval": "2",
            "repeat_ends": "count",
            "repeat_count": "5",
        },
        "FREQ=DAILY;INTERVAL=2;COUNT=5",
        id="every 2 days, 5 times",
    ),
    pytest.param(
        {
            "repeat_frequency": "weekly",
            "repeat_weekdays": ["TU", "TH"],
            "repeat_ends": "until",
            "repeat_until": "2027-03-31",
        },
        "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270331",
        id="Tuesdays and Thursdays until a date",
    ),
    pytest.param(
        {
            "repeat_frequency": "monthly",
            "repeat_monthly_by": "date",
            "repeat_month_day": "12",
            "repeat_ends": "count",
            "repeat_count": "12",
        },
        "FREQ=MONTHLY;BYMONTHDAY=12;COUNT=12",
        id="the 12th of every month",
    ),
    pytest.param(
        {
            "repeat_frequency": "monthly",
            "repeat_interval": "3",
            "repeat_monthly_by": "weekday",
            "repeat_week_ordinal": "2",
            "repeat_weekday": "TU",
            "repeat_ends": "count",
            "repeat_count": "4",
        },
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4",
        id="second Tuesday every quarter",
    ),
    pytest.param(
        {
            "repeat_frequency": "monthly",
            "repeat_monthly_by": "weekday",
            "repeat_week_ordinal": "2",
            "repeat_weekday": "TU",
        },
        "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20320112",
        id="second Tuesday with no end",
    ),
    pytest.param(
        {"repeat_frequency": "yearly", "repeat_ends": "count", "repeat_count": "3"},
        "FREQ=YEARLY;COUNT=3",
        id="every year, 3 times",
    ),
    pytest.param({"repeat_frequency": "none"}, "", id="does not repeat"),
]


@pytest.mark.parametrize(("choices", "rule"), CHOICE_CASES)
def test_choices_are_saved_as_a_rule_and_shown_again_on_edit(
    editor_client, calendar, choices, rule
):
    response = add(editor_client, calendar, **choices)

    assert response.status_code == 302
    event = EventPage.objects.get(slug="customer-council-meeting")
    assert event.rrule == rule
    edit = editor_client.get(edit_url(event))
    assert edit.status_code == 200
    shown = shown_choices(edit)
    for name, value in choices.items():
        assert shown[name] == _as_shown(name, value), name
    assert shown["repeat_ends"] == choices.get("repeat_ends", "never")


def _as_shown(name, value):
    # Bound fields give back initial values as Python values: numbers, dates, lists.
    if name in ("repeat_interval", "repeat_month_day", "repeat_count", "repeat_week_ordinal"):
        return int(value)
    if name == "repeat_until":
        return date.fromisoformat(value)
    return value


def test_the_edit_page_shows_the_choices_the_pattern_in_words_and_the_next_five_dates(
    editor_client, calendar
):
    first = timezone.localdate() + timedelta(days=7)
    event = EventPageFactory(parent=calendar, start_date=first, rrule="FREQ=WEEKLY;COUNT=8")

    response = editor_client.get(edit_url(event))

    html = response.content.decode()
    assert response.status_code == 200
    last = first + timedelta(weeks=7)
    assert f"Every {first:%A}, 8 times, until {last.day} {last:%B %Y}" in html
    for week in range(5):
        assert govuk_date(first + timedelta(weeks=week)) in html
    assert govuk_date(first + timedelta(weeks=5)) not in html
    assert re.search(r'name="repeat_frequency" value="weekly"[^>]*checked', html)
    assert "Advanced: repeating rule" in html
    assert ADVANCED_FOLDED.search(html), "the raw rule is folded away when choices show it"
    assert shown_choices(response)["repeat_weekdays"] == [WEEKDAYS[first.weekday()]]


def test_a_cancelled_date_is_marked_among_the_next_dates(editor_client, calendar):
    first = timezone.localdate() + timedelta(days=7)
    event = EventPageFactory(
        parent=calendar,
        start_date=first,
        rrule="FREQ=WEEKLY;COUNT=3",
        exceptions=[EventException(original_date=first, cancelled=True)],
    )

    html = editor_client.get(edit_url(event)).content.decode()

    assert f"{govuk_date(first)}, 6pm to 8pm (cancelled)" in html


@pytest.mark.parametrize(
    ("choices", "field", "message"),
    [
        (
            {"repeat_frequency": "weekly", "repeat_weekdays": []},
            "repeat_weekdays",
            "Tick at least one day of the week.",
        ),
        (
            {
                "repeat_frequency": "weekly",
                "repeat_weekdays": ["TU"],
                "repeat_ends": "until",
                "repeat_until": "2027-01-11",
            },
            "repeat_until",
            "The last date must be on or after the first date, Tuesday 12 January 2027.",
        ),
        (
            {"repeat_frequency": "weekly", "repeat_weekdays": ["TU"], "repeat_ends": "until"},
            "repeat_until",
            "Enter the last date, or choose another ending.",
        ),
        (
            {"repeat_frequency": "daily", "repeat_ends": "count", "repeat_count": "0"},
            "repeat_count",
            "Enter a whole number from 1 to 500.",
        ),
        (
            {"repeat_frequency": "daily", "repeat_ends": "count", "repeat_count": "100000"},
            "repeat_count",
            "Enter a whole number from 1 to 500.",
        ),
        (
            {"repeat_frequency": "daily", "repeat_ends": "count", "repeat_count": ""},
            "repeat_count",
            "Enter how many times it happens, from 1 to 500.",
        ),
        (
            {"repeat_frequency": "daily", "repeat_interval": "0"},
            "repeat_interval",
            "Enter a whole number from 1 to 52.",
        ),
        (
            {"repeat_frequency": "daily", "repeat_ends": "until", "repeat_until": "2029-01-12"},
            "repeat_until",
            "A series can have at most 500 dates.",
        ),
        (
            {"repeat_frequency": "yearly", "repeat_ends": "until", "repeat_until": "2033-01-12"},
            "repeat_until",
            "A series can last at most 5 years.",
        ),
        (
            # Tuesday 12 January is the second Tuesday, not a second Wednesday.
            {
                "repeat_frequency": "monthly",
                "repeat_monthly_by": "weekday",
                "repeat_week_ordinal": "2",
                "repeat_weekday": "WE",
                "repeat_ends": "count",
                "repeat_count": "3",
            },
            "repeat_frequency",
            "The start date, Tuesday 12 January 2027, does not fit the pattern.",
        ),
        (
            {"repeat_frequency": "advanced", "rrule": ""},
            "rrule",
            "Write the rule here, or choose how often the event repeats under Repeats.",
        ),
        (
            {"repeat_frequency": "advanced", "rrule": "FREQ=WEEKLY;BYDAY=TU"},
            "rrule",
            "Say when the series ends",
        ),
    ],
)
def test_choices_that_make_no_sense_get_a_clear_message_beside_the_field(
    editor_client, calendar, choices, field, message
):
    response = add(editor_client, calendar, **choices)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert set(errors) == {field}, "one message, in one place"
    assert not EventPage.objects.exists()


def test_the_advanced_rule_is_saved_as_written(editor_client, calendar):
    response = add(editor_client, calendar, repeat_frequency="advanced", rrule=ALL_BUT_AUGUST)

    assert response.status_code == 302
    assert EventPage.objects.get().rrule == ALL_BUT_AUGUST


def test_a_rule_the_choices_cannot_make_is_said_so_and_kept_when_the_page_is_edited(
    editor_client, calendar
):
    event = EventPageFactory(
        parent=calendar, slug="council", start_date=date(2027, 1, 12), rrule=ALL_BUT_AUGUST
    )

    page = editor_client.get(edit_url(event))
    html = page.content.decode()
    assert shown_choices(page)["repeat_frequency"] == "advanced"
    assert "cannot be made with the choices above, so it is kept exactly as written" in html
    assert "Every second Tuesday of the month, except in August, 11 times" in html
    assert "advanced_repeating_rule-section" in html
    assert not ADVANCED_FOLDED.search(html), "the rule in use is in view, not folded away"

    # Publishing with the form as shown, only the title changed, keeps the rule.
    response = editor_client.post(
        edit_url(event),
        event_form(
            event.venue,
            slug="council",
            title="Customer Council",
            repeat_frequency="advanced",
            rrule=ALL_BUT_AUGUST,
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Customer Council"
    assert event.rrule == ALL_BUT_AUGUST


def test_an_edit_to_the_advanced_rule_alone_wins_over_untouched_choices(editor_client, calendar):
    event = EventPageFactory(
        parent=calendar, slug="council", start_date=date(2027, 1, 12), rrule="FREQ=WEEKLY;COUNT=3"
    )
    shown = {
        "repeat_frequency": "weekly",
        "repeat_weekdays": ["TU"],
        "repeat_ends": "count",
        "repeat_count": "3",
    }

    response = editor_client.post(
        edit_url(event),
        event_form(event.venue, slug="council", rrule=ALL_BUT_AUGUST, **shown),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.rrule == ALL_BUT_AUGUST


def test_choices_and_an_advanced_rule_that_both_changed_and_disagree_are_refused(
    editor_client, calendar
):
    event = EventPageFactory(
        parent=calendar, slug="council", start_date=date(2027, 1, 12), rrule="FREQ=WEEKLY;COUNT=3"
    )
    changed = {
        "repeat_frequency": "weekly",
        "repeat_weekdays": ["TU"],
        "repeat_ends": "count",
        "repeat_count": "5",
    }

    response = editor_client.post(
        edit_url(event),
        event_form(event.venue, slug="council", rrule=ALL_BUT_AUGUST, **changed),
    )

    assert response.status_code == 200
    assert "say different things" in " ".join(response.context["form"].errors["rrule"])
    event.refresh_from_db()
    assert event.rrule == "FREQ=WEEKLY;COUNT=3"


def test_changed_choices_replace_a_saved_rule(editor_client, calendar):
    event = EventPageFactory(
        parent=calendar, slug="council", start_date=date(2027, 1, 12), rrule=ALL_BUT_AUGUST
    )

    response = editor_client.post(
        edit_url(event),
        event_form(
            event.venue,
            slug="council",
            rrule=ALL_BUT_AUGUST,
            repeat_frequency="monthly",
            repeat_monthly_by="weekday",
            repeat_ends="count",
            repeat_count="6",
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    # Which one and the weekday were left "as on the first date": the second Tuesday.
    assert event.rrule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"
    assert len(event.stored_dates.all()) == 6
