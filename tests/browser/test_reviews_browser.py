"""The public scrutiny and action plan pages in a real browser: axe-clean, and nothing
scrolls sideways at 320px, with the "how we work out red, amber and green" fold open."""

import datetime

import pytest

from involvement_pages.action_plans.models import ActionPlanIndexPage
from involvement_pages.scrutiny.models import ScrutinyReviewIndexPage
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_small_screens_browser import OVERFLOW, PHONE
from tests.involvement_pages.action_plans.factories import ActionPlanFactory, PlanActionFactory
from tests.involvement_pages.scrutiny.factories import (
    RecommendationFactory,
    ScrutinyReviewFactory,
)

TODAY = datetime.date.today()
D = datetime.timedelta
LONG_LINK = "https://www.example.org/" + "evidence-of-the-change-" * 6


@pytest.fixture
def pages(home):
    home.add_child(instance=ScrutinyReviewIndexPage(title="Scrutiny reviews", slug="scrutiny"))
    home.add_child(instance=ActionPlanIndexPage(title="Action plans", slug="action-plans"))
    review = ScrutinyReviewFactory(
        slug="community-centres",
        topic="Use of community centres and the resident resource centre in Middlesbrough",
        kind="scrutiny_panel",
    )
    RecommendationFactory(review=review, status="done", evidence="Done.", evidence_url=LONG_LINK)
    RecommendationFactory(review=review, response="rejected", response_reason="Too costly.")
    RecommendationFactory(review=review, due_on=TODAY - D(3))
    plan = ActionPlanFactory(slug="plan", starts_on=TODAY - D(100))
    for percent, target in [(100, TODAY), (50, TODAY + D(100)), (10, TODAY + D(100)), (0, None)]:
        PlanActionFactory(
            plan=plan,
            percent_done=percent,
            target_date=target,
            action="Develop a customer involvement database to improve monitoring and "
            "management of involved customer activity, incorporating customer profile data.",
        )
    PlanActionFactory(plan=plan, target_date=TODAY - D(1), objective="2. Embed Involvement")
    return ["/scrutiny/", "/scrutiny/community-centres/", "/action-plans/", "/action-plans/plan/"]


def test_review_and_plan_pages_fit_320px_and_pass_axe(live_server, browser, pages):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        for path in pages:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            for fold in page.locator("details").all():
                fold.evaluate("element => element.open = true")
            assert page.evaluate(OVERFLOW) is None, path
        # axe needs scripts: the same pages, scripts on.
        context.close()
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        for path in pages:
            page.goto(live_server.url + path)
            assert_no_axe_violations(page)
        assert page.get_by_text("Red: Past target date").is_visible()
    finally:
        context.close()
