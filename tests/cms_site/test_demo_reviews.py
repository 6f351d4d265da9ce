"""The demo's action plans and scrutiny reviews: the seeds' rows, loaded once, on public pages."""

import html
from io import StringIO

from django.contrib.auth import get_user_model

import pytest

from cms_site.demo.reviews import load_reviews
from involvement_pages.action_plans.models import ActionPlan, PlanAction
from involvement_pages.scrutiny.models import Recommendation, ScrutinyReview

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (ActionPlan, PlanAction, ScrutinyReview, Recommendation)]


def text(response):
    return html.unescape(response.content.decode())


def test_loading_again_changes_nothing(demo_site):
    first = counts()
    out = StringIO()
    load_reviews(out)
    assert counts() == first
    assert "0 plans, 0 reviews added" in out.getvalue()


def test_the_plans_are_the_seeds_tables(demo_site):
    gateshead = ActionPlan.objects.get(slug="gateshead-action-plan-2005-06")
    wnwhl = ActionPlan.objects.get(slug="wnwhl-action-plan-2009-2013")
    assert gateshead.actions.count() == 28
    objectives = gateshead.actions.values_list("objective", flat=True)
    assert list(dict.fromkeys(objectives)) == [
        "1. Increase Involvement",
        "2. Embed Involvement",
        "3. Increase Inclusiveness",
        "4. Develop Customer Capacity",
        "5. Evaluate Involvement and feedback to customers",
    ]
    assert wnwhl.actions.count() == 24
    survey = wnwhl.actions.get(action__startswith="Survey customers to monitor satisfaction")
    assert (survey.responsible, survey.target_wording) == ("L. Wright", "Six monthly")


def test_the_public_pages_show_plans_and_finished_reviews_only(client, demo_site):
    plans = text(client.get("/action-plans/"))
    assert "Customer Involvement Strategy Action Plan 2005/2006" in plans
    assert "Action Plan 2009 to 2013" in plans
    plan = text(client.get("/action-plans/wnwhl-action-plan-2009-2013/"))
    assert "Mosque surgeries held" in plan
    assert "Red: Past target date" in plan

    reviews = text(client.get("/scrutiny/"))
    assert "Use of community centres and the resident resource centre in Middlesbrough" in reviews
    assert "Expenses for involved customers" not in reviews  # still in progress
    assert client.get("/scrutiny/expenses-across-the-group/").status_code == 404
    review = text(client.get("/scrutiny/community-centres-middlesbrough/"))
    assert "Thirteen Scrutiny Panel" in review
    assert "Rejected: The Board kept both open" in review


def test_the_overdue_report_has_the_demo_s_overdue_recommendations(client, demo_site):
    client.force_login(get_user_model().objects.get(username="admin"))
    page = text(client.get("/admin/involvement/overdue-recommendations/"))
    assert "Offer under-used rooms to local groups" in page
    assert "Publish a guide to reporting defects" in page
    assert "Close the two least-used centres" not in page  # rejected
    assert "Give every complainant a named contact" not in page  # done


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/involvement_scrutiny/scrutinyreview/",
        "/admin/snippets/involvement_action_plans/actionplan/",
    ],
)
@pytest.mark.parametrize("query", ["centres", '"', "*", "AND", "c" * 10_000, "🎉"])
def test_admin_list_searches_answer(client, demo_site, url, query):
    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get(url, {"q": query}).status_code == 200
