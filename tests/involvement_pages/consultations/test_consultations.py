"""The public consultation page: anonymous answers, optional contact, the open window."""

import datetime
import logging

from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from involvement_pages.consultations.models import ConsultationResponse
from involvement_pages.roles import EDITORS
from tests.involvement_pages.factories import ServiceAreaFactory
from tests.staff import staff

from .conftest import with_questions
from .factories import ConsultationPageFactory

PRIORITY = "which_repair_matters_most_to_you"
WAYS = "how_would_you_like_to_hear_back_from_us"
COMMENTS = "anything_else_about_repairs"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    caches["default"].clear()


def answers(**extra):
    return {PRIORITY: "Keeping appointments", WAYS: ["Letter", "Email"], COMMENTS: "", **extra}


def test_open_consultation_shows_its_questions_and_what_happens_to_views(client, consultation):
    response = client.get(consultation.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Which repair matters most to you?" in html
    assert "What we will do with your views" in html
    assert "Repairs Service Improvement Group" in html
    assert 'name="respondent_name"' not in html  # anonymous unless the editor asks
    assert "You do not need to give your name" in html
    # Radios and checkboxes sit in fieldsets with the question as legend.
    assert '<legend class="inv-fieldset__legend">Which repair matters most to you?</legend>' in html


def test_anonymous_answer_is_saved_without_anything_that_identifies_the_sender(
    client, consultation
):
    response = client.post(
        consultation.url,
        {**answers(), "respondent_name": "Siobhán Kelly", "respondent_contact": "s@example.com"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/thanks/")
    saved = ConsultationResponse.objects.get()
    assert saved.form_data == answers()
    # Names sent to a page that did not ask for them are not kept.
    assert saved.respondent_name == ""
    assert saved.respondent_contact == ""
    kept = str(saved.form_data) + str([getattr(saved, f.attname) for f in saved._meta.fields])
    assert "203.0.113.9" not in kept
    assert "Siobhán" not in kept
    assert {f.name for f in ConsultationResponse._meta.fields} == {
        "id",
        "form_data",
        "page",
        "submit_time",
        "respondent_name",
        "respondent_contact",
    }


def test_thank_you_page_says_what_happens_next(client, consultation):
    response = client.post(consultation.url, answers(), follow=True)
    html = response.content.decode()
    assert "Thank you for your views" in html
    assert "What happens next" in html


def test_optional_contact_details_when_the_editor_asks_with_the_reason(client, index):
    page = with_questions(
        ConsultationPageFactory(
            parent=index,
            ask_for_contact=True,
            contact_reason="If you would like us to tell you what we decide.",
        )
    )
    html = client.get(page.url).content.decode()
    assert 'name="respondent_name"' in html
    assert "Your name (optional)" in html
    assert "If you would like us to tell you what we decide." in html

    client.post(page.url, answers())  # both left empty: still accepted
    client.post(
        page.url,
        {**answers(), "respondent_name": "Zoë Smith", "respondent_contact": "07700 900123"},
    )
    assert list(
        ConsultationResponse.objects.order_by("pk").values_list(
            "respondent_name", "respondent_contact"
        )
    ) == [("", ""), ("Zoë Smith", "07700 900123")]


def test_missing_required_answer_is_shown_in_an_error_summary(client, consultation):
    response = client.post(consultation.url, answers(**{PRIORITY: ""}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f'href="#id_{PRIORITY}_0"' in html
    assert "Answer the question: Which repair matters most to you?" in html
    assert "<title>Error:" in html
    assert not ConsultationResponse.objects.exists()


def test_an_answer_not_in_the_list_is_refused(client, consultation):
    response = client.post(consultation.url, answers(**{PRIORITY: "Something made up"}))
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script> & "quotes"',
        '=HYPERLINK("http://evil.example","click")',
        "Bad \u202eoverride\x00 and emoji 🏠",
    ],
)
def test_html_script_and_odd_characters_are_kept_as_text(client, consultation, text):
    client.post(consultation.url, answers(**{COMMENTS: text}))
    saved = ConsultationResponse.objects.get().form_data[COMMENTS]
    assert "\x00" not in saved
    assert "\u202e" not in saved
    assert saved.replace(" ", "") == text.replace("\u202e", "").replace("\x00", "").replace(" ", "")


def test_an_answer_too_long_is_refused_with_a_plain_message_and_kept(client, consultation):
    long_text = "a" * 10_000
    response = client.post(consultation.url, answers(**{COMMENTS: long_text}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anything else about repairs? must be 5000 characters or fewer" in html
    assert long_text in html  # what they typed is still there to shorten
    assert not ConsultationResponse.objects.exists()


def test_filled_hidden_box_is_refused_without_saving(client, consultation, caplog):
    with caplog.at_level(logging.WARNING, logger="involvement_forms.antispam"):
        response = client.post(consultation.url, answers(more_details="http://spam.example"))
    assert response.status_code == 400
    assert not ConsultationResponse.objects.exists()
    assert "hidden box filled" in caplog.text


@override_settings(INVOLVEMENT_SIGNUP_RATE_LIMIT="2/h")
def test_many_posts_from_one_address_are_slowed_down_keeping_answers(consultation):
    statuses = [
        Client().post(consultation.url, answers(), REMOTE_ADDR="198.51.100.7").status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert ConsultationResponse.objects.count() == 2


# The window ---------------------------------------------------------------------------------


@pytest.fixture
def upcoming(index):
    soon = timezone.now() + datetime.timedelta(days=3)
    return with_questions(
        ConsultationPageFactory(
            parent=index, opens_at=soon, closes_at=soon + datetime.timedelta(days=28)
        )
    )


@pytest.fixture
def closed(index):
    ended = timezone.now() - datetime.timedelta(days=2)
    return with_questions(
        ConsultationPageFactory(
            parent=index,
            opens_at=ended - datetime.timedelta(days=28),
            closes_at=ended,
            outcome_summary="<p>Repairs appointments now come with a two-hour slot.</p>",
            outcome_url="https://thirteen.example/you-said-we-did/",
        )
    )


def test_before_it_opens_the_page_says_when_and_has_no_form(client, upcoming):
    html = client.get(upcoming.url).content.decode()
    assert f"This consultation opens on {upcoming.opens_on()}" in html
    assert 'name="csrfmiddlewaretoken"' not in html
    assert "Which repair matters most to you?" not in html


def test_after_it_closes_the_page_shows_what_was_done(client, closed):
    html = client.get(closed.url).content.decode()
    assert f"This consultation closed on {closed.closes_on()}" in html
    assert "What we did with your views" in html
    assert "two-hour slot" in html
    assert "https://thirteen.example/you-said-we-did/" in html
    assert 'name="csrfmiddlewaretoken"' not in html


def test_closed_without_an_outcome_yet_says_one_will_follow(client, index):
    ended = timezone.now() - datetime.timedelta(hours=1)
    page = ConsultationPageFactory(
        parent=index, opens_at=ended - datetime.timedelta(days=1), closes_at=ended
    )
    html = client.get(page.url).content.decode()
    assert "We will say here what we have decided" in html


@pytest.mark.parametrize("which", ["upcoming", "closed"])
def test_answers_sent_outside_the_window_are_refused_politely(client, request, index, which):
    # ``index`` named here, not only through getfixturevalue, so pytest-django knows the
    # test uses the database and runs it before the browser tests flush it.
    page = request.getfixturevalue(which)
    response = client.post(page.url, answers())
    html = response.content.decode()
    assert response.status_code == 403
    assert "so we could not take your answers" in html
    assert not ConsultationResponse.objects.exists()


def test_closing_date_must_be_after_opening(index):
    now = timezone.now()
    page = ConsultationPageFactory.build(opens_at=now, closes_at=now, title="x", slug="x")
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert "closes_at" in caught.value.message_dict


def test_index_lists_open_upcoming_and_closed_with_outcome_links(
    client, index, consultation, upcoming, closed
):
    html = client.get(index.url).content.decode()
    open_part, _, rest = html.partition("Coming up")
    assert consultation.title in open_part
    coming, _, closed_part = rest.partition("Closed: what we did with your views")
    assert upcoming.title in coming
    assert closed.title in closed_part
    assert f"{closed.url}#outcome-heading" in closed_part


# Editors ------------------------------------------------------------------------------------


def test_editors_can_add_and_edit_consultations_under_have_your_say(client, index, consultation):
    staff(client, EDITORS)
    add = reverse(
        "wagtailadmin_pages:add",
        args=["involvement_consultations", "consultationpage", index.pk],
    )
    response = client.get(add)
    assert response.status_code == 200
    assert "Ask for name and contact details" in response.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk]))
    assert edit.status_code == 200
    assert "What we did with your views" in edit.content.decode()


def test_preview_shows_the_questions_and_the_thank_you_page(rf, consultation):
    request = rf.get(consultation.url)
    request.user = AnonymousUser()
    form = consultation.serve_preview(request, "form")
    form.render()
    assert "Which repair matters most to you?" in form.content.decode()
    thanks = consultation.serve_preview(request, "landing")
    thanks.render()
    assert "Thank you for your views" in thanks.content.decode()


def test_have_your_say_takes_the_same_queries_for_few_and_many(client, index):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    ended = timezone.now() - datetime.timedelta(days=1)
    for n in range(9):
        if n == 3:
            client.get(index.url)
            few = queries()
        ConsultationPageFactory(
            parent=index,
            opens_at=ended - datetime.timedelta(days=30),
            closes_at=ended if n % 2 else ended + datetime.timedelta(days=60),
            service_area=ServiceAreaFactory(),
            outcome_summary="<p>Done.</p>",
        )
    assert queries() == few
