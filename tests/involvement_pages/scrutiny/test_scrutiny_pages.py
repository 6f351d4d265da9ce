"""The public reviews page: finished reviews only, and what became of each recommendation."""

import datetime
import html

import pytest

from involvement_pages.scrutiny.models import ReviewStatus, ScrutinyReviewIndexPage

from .factories import RecommendationFactory, ScrutinyReviewFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
D = datetime.timedelta


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def reviews_page(home):
    page = ScrutinyReviewIndexPage(title="Scrutiny reviews", slug="scrutiny", intro="Findings.")
    home.add_child(instance=page)
    return page


@pytest.fixture
def finished():
    review = ScrutinyReviewFactory(
        topic="Services to new and existing developments",
        slug="new-developments",
        kind="csi",
        scope="How new customers are welcomed in their first weeks.",
        findings="Welcome visits were late for one new home in three.",
    )
    RecommendationFactory(
        review=review,
        text="Visit every new customer within two weeks of moving in",
        status="done",
        evidence="Welcome visits within two weeks for 96% of new customers.",
        evidence_url="https://www.example.org/welcome-visits",
    )
    RecommendationFactory(
        review=review,
        text="Give each development a named officer",
        response="rejected",
        response_reason="Patches are already named by neighbourhood.",
    )
    RecommendationFactory(
        review=review, text="Publish a snagging guide", due_on=TODAY - D(5), status="in_progress"
    )
    return review


def test_the_index_lists_finished_reviews_only(client, reviews_page, finished):
    ScrutinyReviewFactory(topic="Anti-social behaviour", status=ReviewStatus.IN_PROGRESS)
    ScrutinyReviewFactory(topic="Gas servicing", status=ReviewStatus.PLANNED, ended_on=None)
    page = text(client.get("/scrutiny/"))
    assert "Services to new and existing developments" in page
    assert 'href="/scrutiny/new-developments/"' in page
    assert "Customer Service Investigator project" in page
    assert "3, 1 done" in page
    assert "Anti-social behaviour" not in page
    assert "Gas servicing" not in page


def test_a_finished_review_shows_what_became_of_each_recommendation(client, reviews_page, finished):
    response = client.get("/scrutiny/new-developments/")
    page = text(response)
    assert response.status_code == 200
    assert "<title>Services to new and existing developments" in page
    assert "Welcome visits were late for one new home in three." in page
    assert "Welcome visits within two weeks for 96% of new customers." in page
    assert 'href="https://www.example.org/welcome-visits"' in page
    assert "Rejected: Patches are already named by neighbourhood." in page
    assert "Not carried out" in page
    assert "Overdue" in page
    assert "(past its due date)" in page
    assert page.count('class="inv-recommendation"') == 3
    assert "involvement_scrutiny/scrutiny.css" in page


@pytest.mark.parametrize("status", [ReviewStatus.PLANNED, ReviewStatus.IN_PROGRESS])
def test_an_unfinished_review_is_not_found(client, reviews_page, status):
    ScrutinyReviewFactory(slug="not-yet", status=status)
    assert client.get("/scrutiny/not-yet/").status_code == 404


@pytest.mark.parametrize("path", ["no-such-review/", "new-developments/more/", "%00/"])
def test_unknown_addresses_are_not_found(client, reviews_page, finished, path):
    assert client.get(f"/scrutiny/{path}").status_code == 404


# Routing 6, the review with its panel and report 1, its recommendations 1, the changes
# made because of it 1, the footer's contact details 2, and 3 more the first time they are
# read.
REVIEW_PAGE_QUERY_BOUND = 14


@pytest.mark.parametrize("count", [2, 40])
def test_the_review_page_asks_the_same_queries_for_2_or_40_recommendations(
    client, reviews_page, count, django_assert_max_num_queries
):
    review = ScrutinyReviewFactory(slug="big-review")
    for n in range(count):
        RecommendationFactory(review=review, due_on=TODAY - D(n))
    with django_assert_max_num_queries(REVIEW_PAGE_QUERY_BOUND):
        response = client.get("/scrutiny/big-review/")
    assert text(response).count('class="inv-recommendation"') == count


@pytest.mark.parametrize("count", [1, 12])
def test_the_index_asks_the_same_queries_for_1_or_12_reviews(
    client, reviews_page, count, django_assert_max_num_queries
):
    for _ in range(count):
        RecommendationFactory()
    with django_assert_max_num_queries(REVIEW_PAGE_QUERY_BOUND):
        response = client.get("/scrutiny/")
    assert text(response).count('class="inv-card"') == count


def test_html_typed_into_a_recommendation_is_shown_as_text(client, reviews_page):
    review = ScrutinyReviewFactory(slug="escaping")
    RecommendationFactory(review=review, text="<script>alert(1)</script> \u202eevil \U0001f389")
    page = client.get("/scrutiny/escaping/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_sitemap_lists_finished_reviews_only(client, reviews_page, finished):
    ScrutinyReviewFactory(slug="not-yet", status=ReviewStatus.IN_PROGRESS)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/scrutiny/new-developments/</loc>" in sitemap
    assert "not-yet" not in sitemap


def test_a_review_knows_its_public_address_once_finished(reviews_page, finished):
    assert finished.public_url() == "/scrutiny/new-developments/"
    draft = ScrutinyReviewFactory(slug="draft", status=ReviewStatus.IN_PROGRESS)
    assert draft.public_url() is None
    reviews_page.unpublish()
    assert finished.public_url() is None
