"""Scrutiny reviews and recommendations: overdue, reasons, evidence, roles, the report."""

import datetime
import html

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from involvement_pages.roles import EDITORS, OFFICERS
from involvement_pages.scrutiny.models import (
    Recommendation,
    RecommendationStatus,
    Response,
    ScrutinyReview,
)
from tests.staff import staff

from .factories import RecommendationFactory, ScrutinyReviewFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
D = datetime.timedelta
ADD = "wagtailsnippets_involvement_scrutiny_scrutinyreview:add"
EDIT = "wagtailsnippets_involvement_scrutiny_scrutinyreview:edit"
LIST = "wagtailsnippets_involvement_scrutiny_scrutinyreview:list"
OVERDUE = "involvement_scrutiny_overdue:index"


def text(response):
    return html.unescape(response.content.decode())


# Overdue


@pytest.mark.parametrize(
    ("due", "status", "response", "overdue"),
    [
        (TODAY - D(1), RecommendationStatus.OPEN, Response.ACCEPTED, True),
        (TODAY - D(1), RecommendationStatus.IN_PROGRESS, Response.PARTLY_ACCEPTED, True),
        (TODAY - D(1), RecommendationStatus.OPEN, Response.AWAITING, True),
        # Done with a past due date: not overdue.
        (TODAY - D(30), RecommendationStatus.DONE, Response.ACCEPTED, False),
        # Due today: not overdue yet.
        (TODAY, RecommendationStatus.OPEN, Response.ACCEPTED, False),
        (TODAY + D(1), RecommendationStatus.OPEN, Response.ACCEPTED, False),
        # Rejected: it will never be done, and the reason is on record.
        (TODAY - D(30), RecommendationStatus.OPEN, Response.REJECTED, False),
        # No due date: nothing to be late for.
        (None, RecommendationStatus.OPEN, Response.ACCEPTED, False),
    ],
)
def test_overdue(due, status, response, overdue):
    rec = RecommendationFactory(
        due_on=due, status=status, response=response, response_reason="A reason."
    )
    assert rec.is_overdue(TODAY) is overdue
    assert Recommendation.objects.overdue(TODAY).filter(pk=rec.pk).exists() is overdue


# Validation


@pytest.mark.parametrize("response", [Response.REJECTED, Response.PARTLY_ACCEPTED])
def test_rejecting_or_partly_accepting_needs_a_reason(response):
    rec = RecommendationFactory.build(review=ScrutinyReviewFactory(), response=response)
    with pytest.raises(ValidationError) as error:
        rec.full_clean()
    assert error.value.message_dict["response_reason"][0].startswith("Say why the recommendation")
    rec.response_reason = "   "
    with pytest.raises(ValidationError):
        rec.full_clean()
    rec.response_reason = "It would cost more than the service saves."
    rec.full_clean()


def test_done_needs_evidence_as_words_or_a_link():
    rec = RecommendationFactory.build(review=ScrutinyReviewFactory(), status="done")
    with pytest.raises(ValidationError) as error:
        rec.full_clean()
    assert "evidence" in error.value.message_dict
    rec.evidence_url = "https://www.example.org/repairs-texts"
    rec.full_clean()


def test_a_finished_review_needs_its_end_date_after_its_start():
    review = ScrutinyReviewFactory.build(ended_on=None)
    with pytest.raises(ValidationError, match="Give the date the review finished"):
        review.full_clean()
    review.ended_on = review.started_on - D(1)
    with pytest.raises(ValidationError, match="cannot finish before it starts"):
        review.full_clean()


# Admin


def review_form(**rec_fields):
    return nested_form_data(
        {
            "kind": "scrutiny_panel",
            "topic": "Repairs: keeping customers informed",
            "slug": "repairs-keeping-customers-informed",
            "status": "in_progress",
            "started_on": "2025-01-06",
            "recommendations": inline_formset(
                [
                    {
                        "text": "Text customers the day before a repair appointment",
                        "owner": "Repairs Manager",
                        "response": "accepted",
                        "due_on": "2025-09-30",
                        "status": "open",
                        **rec_fields,
                    }
                ]
            ),
        }
    )


def test_officer_adds_a_review_with_a_recommendation(client):
    staff(client, OFFICERS)
    response = client.post(reverse(ADD), review_form())
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.review.topic == "Repairs: keeping customers informed"


def test_rejecting_without_a_reason_is_refused_in_the_admin(client):
    staff(client, OFFICERS)
    response = client.post(reverse(ADD), review_form(response="rejected"))
    assert response.status_code == 200
    assert "Say why the recommendation was rejected." in text(response)
    assert not ScrutinyReview.objects.exists()


def test_marking_done_without_evidence_is_refused_in_the_admin(client):
    staff(client, OFFICERS)
    response = client.post(reverse(ADD), review_form(status="done"))
    assert "before marking this done" in text(response)
    assert not ScrutinyReview.objects.exists()


@pytest.fixture
def overdue_and_not():
    review = ScrutinyReviewFactory(topic="Empty homes standard")
    RecommendationFactory(review=review, text="Check every empty home", due_on=TODAY - D(10))
    RecommendationFactory(
        review=review,
        text="Photograph the finished work",
        due_on=TODAY - D(10),
        status="done",
        evidence="Photographs are on every void record since May.",
    )
    RecommendationFactory(review=review, text="Publish the lettable standard", due_on=TODAY)
    return review


def test_the_report_lists_overdue_recommendations_only(client, overdue_and_not):
    staff(client, OFFICERS)
    page = text(client.get(reverse(OVERDUE)))
    assert "Check every empty home" in page
    assert "Empty homes standard" in page
    assert "Photograph the finished work" not in page
    assert "Publish the lettable standard" not in page
    assert reverse(EDIT, args=[overdue_and_not.pk]) in page


def test_the_review_list_counts_open_and_overdue_recommendations(client, overdue_and_not):
    RecommendationFactory(
        review=overdue_and_not,
        text="Demolish the block",
        response="rejected",
        response_reason="Not ours to decide.",
        due_on=TODAY - D(10),
    )
    staff(client, OFFICERS)
    response = client.get(reverse(LIST))
    assert "Empty homes standard" in text(response)
    (row,) = response.context["object_list"]
    # Still to do: the overdue one and the one due today, not the done or rejected ones.
    assert (row.open_count, row.overdue_count) == (2, 1)


def test_the_report_exports_a_spreadsheet(client, overdue_and_not):
    staff(client, OFFICERS)
    response = client.get(reverse(OVERDUE) + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else text(response)
    assert "Check every empty home" in body
    assert "Scrutiny panel review" in body


def test_editors_see_reviews_and_the_report_but_cannot_add(client, overdue_and_not):
    staff(client, EDITORS)
    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse(EDIT, args=[overdue_and_not.pk])).status_code == 200
    assert client.get(reverse(OVERDUE)).status_code == 200
    assert client.get(reverse(ADD)).status_code == 302


def test_staff_without_a_role_see_neither(client, overdue_and_not):
    staff(client, permissions=[])
    assert client.get(reverse(LIST)).status_code == 302
    assert client.get(reverse(OVERDUE)).status_code in (302, 403)


def test_the_involvement_menu_shows_the_report_only_with_permission(client, overdue_and_not):
    staff(client, EDITORS, username="editor")
    assert reverse(OVERDUE) in text(client.get(reverse("wagtailadmin_home")))
    # Someone in the admin for other work (the panels list) does not see it.
    user = staff(client, permissions=["view_panel"], username="nobody")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse(OVERDUE) not in text(home)


# The report at two sizes: the queries do not grow with the rows.
REPORT_QUERY_BOUND = 12


@pytest.mark.parametrize("rows", [2, 30])
def test_the_report_asks_the_same_queries_for_2_or_30_rows(
    client, rows, django_assert_max_num_queries
):
    staff(client, OFFICERS)
    for n in range(rows):
        RecommendationFactory(review=ScrutinyReviewFactory(), due_on=TODAY - D(n + 1))
    with django_assert_max_num_queries(REPORT_QUERY_BOUND):
        response = client.get(reverse(OVERDUE))
    assert text(response).count("Text customers when a repair is booked") == rows


def test_the_export_keeps_a_formula_as_text(client):
    staff(client, OFFICERS)
    RecommendationFactory(text='=HYPERLINK("http://evil.example","Click")', due_on=TODAY - D(1))
    response = client.get(reverse(OVERDUE) + "?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_the_report_filters_by_kind_of_review(client):
    staff(client, OFFICERS)
    RecommendationFactory(text="Visit new customers", review__kind="csi", due_on=TODAY - D(1))
    RecommendationFactory(text="Review void standard", due_on=TODAY - D(1))
    page = text(client.get(reverse(OVERDUE), {"kind": "csi"}))
    assert "Visit new customers" in page
    assert "Review void standard" not in page


@pytest.mark.parametrize("query", ["kind=nonsense", "panel=abc", "p=999999", "p=x", "kind=%ff"])
def test_bad_report_parameters_do_not_break_it(client, query):
    staff(client, OFFICERS)
    RecommendationFactory(due_on=TODAY - D(1))
    assert client.get(reverse(OVERDUE) + "?" + query).status_code in (200, 404)


def test_an_evidence_link_must_be_a_web_address():
    rec = RecommendationFactory.build(
        review=ScrutinyReviewFactory(),
        status="done",
        evidence_url="javascript:alert(1)",
    )
    with pytest.raises(ValidationError) as error:
        rec.full_clean()
    assert "evidence_url" in error.value.message_dict
