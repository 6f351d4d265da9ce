"""Action plans as officers keep them and residents read them: RAG counts, validation,
who may do what, and the public progress pages."""

import datetime
import html

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from involvement_pages.action_plans.models import ActionPlan, ActionPlanIndexPage, PlanAction
from involvement_pages.roles import EDITORS, OFFICERS
from tests.staff import staff

from .factories import ActionPlanFactory, PlanActionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
D = datetime.timedelta
ADD = "wagtailsnippets_involvement_action_plans_actionplan:add"
EDIT = "wagtailsnippets_involvement_action_plans_actionplan:edit"
LIST = "wagtailsnippets_involvement_action_plans_actionplan:list"


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def plan():
    """A plan that started 100 days ago, with one action of each colour."""
    plan = ActionPlanFactory(
        title="Customer Involvement Strategy Action Plan",
        slug="strategy-action-plan",
        starts_on=TODAY - D(100),
    )
    target = TODAY + D(100)  # half the time gone
    PlanActionFactory(plan=plan, action="Establish an editorial panel", percent_done=100)
    PlanActionFactory(plan=plan, action="Produce a menu of involvement", target_date=target,
                      percent_done=50)  # fmt: skip
    PlanActionFactory(plan=plan, action="Produce an annual calendar", target_date=target,
                      percent_done=49, objective="2. Embed Involvement")  # fmt: skip
    PlanActionFactory(plan=plan, action="Collect diversity information",
                      target_date=TODAY - D(1), percent_done=90,
                      objective="3. Increase Inclusiveness")  # fmt: skip
    PlanActionFactory(plan=plan, action="Evaluate training", target_date=None)
    return plan


def test_rag_counts_come_from_dates_and_progress(plan):
    assert plan.rag_counts(TODAY) == {"red": 1, "amber": 1, "green": 2, "none": 1}


def test_percent_done_outside_0_to_100_is_refused():
    action = PlanActionFactory.build(plan=ActionPlanFactory(), percent_done=101)
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "percent_done" in error.value.message_dict


def test_a_plan_cannot_end_before_it_starts():
    plan = ActionPlanFactory.build(starts_on=TODAY, ends_on=TODAY - D(1))
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        plan.full_clean()


# Admin


def plan_form(**actions_fields):
    return nested_form_data(
        {
            "title": "Action plan 2025/2026",
            "slug": "action-plan-2025-26",
            "period": "2025/2026",
            "starts_on": "2025-04-01",
            "ends_on": "2026-03-31",
            "published": "on",
            "actions": inline_formset(
                [
                    {
                        "objective": "1. Increase Involvement",
                        "action": "Produce and promote a menu of involvement",
                        "target_date": "2026-03-31",
                        "percent_done": "40",
                        **actions_fields,
                    }
                ]
            ),
        }
    )


def test_officer_adds_a_plan_with_an_action(client):
    staff(client, OFFICERS)
    response = client.post(reverse(ADD), plan_form())
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert (action.plan.slug, action.percent_done) == ("action-plan-2025-26", 40)


def test_a_percent_over_100_is_refused_with_a_message(client):
    staff(client, OFFICERS)
    response = client.post(reverse(ADD), plan_form(percent_done="150"))
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100." in text(response)
    assert not ActionPlan.objects.exists()


def test_the_admin_list_counts_actions_by_colour(client, plan):
    staff(client, OFFICERS)
    page = text(client.get(reverse(LIST)))
    assert "Customer Involvement Strategy Action Plan" in page
    assert "Red 1, Amber 1, Green 2, Not rated 1" in page


def test_editors_see_and_correct_plans_but_do_not_add_or_delete(client, plan):
    staff(client, EDITORS)
    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse(EDIT, args=[plan.pk])).status_code == 200
    assert client.get(reverse(ADD)).status_code == 302  # Wagtail's "no permission" redirect
    delete = "wagtailsnippets_involvement_action_plans_actionplan:delete"
    assert client.get(reverse(delete, args=[plan.pk])).status_code == 302


def test_staff_without_a_role_cannot_see_plans(client, plan):
    staff(client, permissions=[])
    assert client.get(reverse(LIST)).status_code == 302


# Public pages


@pytest.fixture
def plans_page(home):
    page = ActionPlanIndexPage(title="Action plans", slug="action-plans", intro="Our promises.")
    home.add_child(instance=page)
    return page


def test_the_index_lists_published_plans_with_their_counts(client, plans_page, plan):
    ActionPlanFactory(title="A draft plan", published=False)
    page = text(client.get("/action-plans/"))
    assert "Customer Involvement Strategy Action Plan" in page
    assert 'href="/action-plans/strategy-action-plan/"' in page
    assert "A draft plan" not in page
    assert "Red</strong> 1 action" in page
    assert "Green</strong> 2 actions" in page


def test_the_plan_page_shows_each_action_with_its_status_in_words(client, plans_page, plan):
    response = client.get("/action-plans/strategy-action-plan/")
    page = text(response)
    assert response.status_code == 200
    assert "<title>Customer Involvement Strategy Action Plan" in page
    objectives = ("1. Increase Involvement", "2. Embed Involvement", "3. Increase Inclusiveness")
    for objective in objectives:
        assert f">{objective}</h2>" in page
    assert "Green: Done" in page
    assert "Green: On track" in page
    assert "Amber: Behind" in page
    assert "Red: Past target date" in page
    assert "No target date" in page
    assert "5 actions, as at" in page
    assert "involvement_action_plans/action_plans.css" in page  # the colours of the tags


@pytest.mark.parametrize("path", ["no-such-plan/", "draft/", "strategy-action-plan/extra/"])
def test_unknown_or_unpublished_plans_are_not_found(client, plans_page, plan, path):
    ActionPlanFactory(slug="draft", published=False)
    assert client.get(f"/action-plans/{path}").status_code == 404


def _plan_with(actions):
    plan = ActionPlanFactory()
    for n in range(actions):
        PlanActionFactory(plan=plan, objective=f"Objective {n % 5}")
    return plan


# Wagtail's routing and view restrictions take 6, the plan and its actions 2 (on the index,
# the plans and all their actions), the footer's contact details 2, and 3 more the first time
# they are read, when the setting's row is made.
PLAN_PAGE_QUERY_BOUND = 13


@pytest.mark.parametrize("actions", [3, 40])
def test_the_plan_page_asks_the_same_queries_for_3_or_40_actions(
    client, plans_page, actions, django_assert_max_num_queries
):
    plan = _plan_with(actions)
    with django_assert_max_num_queries(PLAN_PAGE_QUERY_BOUND):
        response = client.get(f"/action-plans/{plan.slug}/")
    assert text(response).count('class="inv-plan-action"') == actions


@pytest.mark.parametrize("plans", [1, 8])
def test_the_index_asks_the_same_queries_for_1_or_8_plans(
    client, plans_page, plans, django_assert_max_num_queries
):
    for _ in range(plans):
        _plan_with(4)
    with django_assert_max_num_queries(PLAN_PAGE_QUERY_BOUND):
        response = client.get("/action-plans/")
    assert text(response).count('class="inv-card"') == plans


def test_the_sitemap_lists_published_plans_only(client, plans_page, plan):
    ActionPlanFactory(slug="draft", published=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/action-plans/strategy-action-plan/</loc>" in sitemap
    assert "/action-plans/draft/" not in sitemap
