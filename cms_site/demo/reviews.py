"""Demo action plans (Gateshead 2005/06, WNWHL 2009-13) and Thirteen's scrutiny reviews.

The plans' rows come from ``data/action_plans.json``, copied from the seeds' tables with
their own dates (see data/NOTES.md). Their percent done is a demo value that fits the
progress text. The reviews use Thirteen's real groups and topics from its 2014 strategy;
their recommendations and what became of them are invented to fit, and dated around the
day the demo is loaded, so there are always some done, some due and some overdue.
Create-if-missing: a second run changes nothing.
"""

import datetime

from django.utils import timezone

from dateutil.relativedelta import relativedelta

from cms_site.models import HomePage
from involvement_pages.action_plans.models import ActionPlan, ActionPlanIndexPage, PlanAction
from involvement_pages.panels.models import Panel
from involvement_pages.scrutiny.models import (
    Recommendation,
    RecommendationStatus,
    Response,
    ReviewKind,
    ReviewStatus,
    ScrutinyReview,
    ScrutinyReviewIndexPage,
)

from .site import ensure_child, read

DONE, IN_PROGRESS, OPEN = (
    RecommendationStatus.DONE,
    RecommendationStatus.IN_PROGRESS,
    RecommendationStatus.OPEN,
)


def load_reviews(stdout=None):
    home = HomePage.objects.first()
    plans = ensure_plans(read("action_plans.json")["plans"])
    reviews = ensure_reviews(timezone.localdate())
    if home:
        ensure_child(
            home,
            ScrutinyReviewIndexPage,
            slug="scrutiny",
            title="Scrutiny reviews",
            intro=(
                "Customers on our Scrutiny Panel, Designated Complaints Panel and Customer "
                "Service Investigators look closely at our services and tell our Boards what "
                "to change. Here is what each finished review recommended, and what we did."
            ),
            show_in_menus=True,
        )
        ensure_child(
            home,
            ActionPlanIndexPage,
            slug="action-plans",
            title="Action plans",
            intro=(
                "What we promised to do to involve customers, who is doing it, by when, "
                "and how far we have got."
            ),
            show_in_menus=True,
        )
    if stdout:
        stdout.write(f"Action plans and reviews: {plans} plans, {reviews} reviews added.")


# Action plans


def ensure_plans(rows):
    existing = set(ActionPlan.objects.values_list("slug", flat=True))
    added = 0
    for row in rows:
        if row["slug"] in existing:
            continue
        plan = ActionPlan(
            slug=row["slug"],
            title=row["title"],
            period=row["period"],
            starts_on=datetime.date.fromisoformat(row["starts_on"]),
            ends_on=datetime.date.fromisoformat(row["ends_on"]),
            intro=row["intro"],
        )
        plan.full_clean()
        plan.save()
        for order, action in enumerate(row["actions"]):
            item = PlanAction(
                plan=plan,
                sort_order=order,
                **{k: v for k, v in action.items() if k != "target_date"},
                target_date=datetime.date.fromisoformat(action["target_date"]),
            )
            item.full_clean()
            item.save()
        added += 1
    return added


# Scrutiny reviews


def _review(kind, slug, topic, panel, commissioned_by, scope, started, ended, status, findings=""):
    return {
        "kind": kind,
        "slug": slug,
        "topic": topic,
        "panel": panel,
        "commissioned_by": commissioned_by,
        "scope": scope,
        "started": started,
        "ended": ended,
        "status": status,
        "findings": findings,
    }


def review_rows(today):
    """Thirteen's reviews and their recommendations, dated from ``today`` (months ago > 0)."""

    def ago(months):
        return today - relativedelta(months=months)

    return [
        (
            _review(
                ReviewKind.CUSTOMER_SERVICE_INVESTIGATORS,
                "csi-new-and-existing-developments",
                "Services to customers in new and existing developments",
                None,
                "Thirteen Customer Council",
                "A short Customer Service Investigator project (the strategy allows 5 to 8 "
                "weeks) on how customers moving into new developments are welcomed, and how "
                "defects in new homes are reported and put right.",
                ago(10),
                ago(10) + relativedelta(weeks=7),
                ReviewStatus.FINISHED,
                "The Investigators visited three new developments and spoke to 41 "
                "households. Most were happy with their home, but one in three had no "
                "welcome visit, and few knew how to report a defect in the first year.",
            ),
            [
                (
                    "Give every customer moving into a new development a welcome visit within "
                    "two weeks of the keys being handed over.",
                    "Neighbourhood Services Manager",
                    Response.ACCEPTED,
                    "",
                    ago(6),
                    DONE,
                    "Welcome visits are now booked when the tenancy is signed; 9 in 10 new "
                    "customers had one within two weeks last quarter.",
                ),
                (
                    "Publish a guide to reporting defects in a new home during its first year.",
                    "Development Manager",
                    Response.ACCEPTED,
                    "",
                    ago(2),
                    IN_PROGRESS,
                    "",
                ),
                (
                    "Revisit each new development six months after the first homes are let.",
                    "Customer Involvement Co-ordinator (Service Development)",
                    Response.PARTLY_ACCEPTED,
                    "We will revisit developments of 20 homes or more; smaller schemes are "
                    "covered by the neighbourhood walkabouts.",
                    ago(-3),
                    OPEN,
                    "",
                ),
            ],
        ),
        (
            _review(
                ReviewKind.SCRUTINY_PANEL,
                "community-centres-middlesbrough",
                "Use of community centres and the resident resource centre in Middlesbrough",
                "scrutiny-panel",
                "Erimus Housing Board",
                "Each centre audited against the activities required and delivered in its "
                "neighbourhood, and whether our investment in buildings helps build "
                "resilience in people and communities.",
                ago(8),
                ago(5),
                ReviewStatus.FINISHED,
                "The resource centre is well used, but two community centres were open to "
                "residents less than one day a week, and few people knew what they offered.",
            ),
            [
                (
                    "Publish each centre's opening times and free sessions on the website and "
                    "in the residents' magazine.",
                    "Communications Manager",
                    Response.ACCEPTED,
                    "",
                    ago(3),
                    DONE,
                    "Every centre's opening times are on the website and in the spring issue "
                    "of the residents' magazine.",
                ),
                (
                    "Offer under-used rooms to local groups and the Talent School free of charge.",
                    "Community Investment Manager",
                    Response.ACCEPTED,
                    "",
                    ago(1),
                    OPEN,
                    "",
                ),
                (
                    "Close the two least-used centres.",
                    "",
                    Response.REJECTED,
                    "The Board kept both open for another year while the Middlesbrough "
                    "Neighbourhood Committee tries new activities there.",
                    None,
                    OPEN,
                    "",
                ),
                (
                    "Report each centre's use to the Middlesbrough Neighbourhood Committee "
                    "every quarter.",
                    "Customer Involvement Manager",
                    Response.ACCEPTED,
                    "",
                    ago(-2),
                    IN_PROGRESS,
                    "",
                ),
            ],
        ),
        (
            _review(
                ReviewKind.COMPLAINTS,
                "complaints-lessons-learnt",
                "Lessons learnt from complaints heard by the Designated Complaints Panel",
                "designated-complaints-panel",
                "Group Audit and Risk Committee",
                "Complaints heard at the end of the internal complaints process in the last "
                "year, and whether the same service failure could happen to other homes.",
                ago(6),
                ago(4),
                ReviewStatus.FINISHED,
                "Most complaints that reached the Panel could have been settled at the first "
                "stage if the customer had had one named contact.",
            ),
            [
                (
                    "Give every complainant a named contact at the first stage of a complaint.",
                    "Customer Services Manager",
                    Response.ACCEPTED,
                    "",
                    ago(2),
                    DONE,
                    "Every first-stage complaint letter now names the officer handling it.",
                ),
                (
                    "Tell the Group Audit and Risk Committee each quarter which complaints "
                    "showed a failure that could happen in other homes.",
                    "Head of Governance",
                    Response.ACCEPTED,
                    "",
                    today - datetime.timedelta(days=14),
                    IN_PROGRESS,
                    "",
                ),
                (
                    "Pay compensation automatically for every missed repair appointment.",
                    "Repairs Manager",
                    Response.PARTLY_ACCEPTED,
                    "Compensation will be paid automatically for a second missed appointment; "
                    "a first is rebooked within two working days.",
                    ago(-1),
                    OPEN,
                    "",
                ),
            ],
        ),
        (
            _review(
                ReviewKind.SCRUTINY_PANEL,
                "expenses-across-the-group",
                "Expenses for involved customers across the group",
                "scrutiny-panel",
                "Thirteen Board",
                "Bringing the partner landlords' expenses policies together so that no "
                "customer is out of pocket for volunteering.",
                ago(1),
                None,
                ReviewStatus.IN_PROGRESS,
            ),
            [],
        ),
        (
            _review(
                ReviewKind.CUSTOMER_SERVICE_INVESTIGATORS,
                "csi-getting-online",
                "Getting online to take part: digital inclusion for involved customers",
                None,
                "Thirteen Customer Council",
                "How the Talent School's digital inclusion courses help customers take part "
                "online, and who is still left out.",
                ago(-1),
                None,
                ReviewStatus.PLANNED,
            ),
            [],
        ),
    ]


def ensure_reviews(today):
    existing = set(ScrutinyReview.objects.values_list("slug", flat=True))
    panels = {panel.slug: panel for panel in Panel.objects.all()}
    added = 0
    for row, recommendations in review_rows(today):
        if row["slug"] in existing:
            continue
        review = ScrutinyReview(
            kind=row["kind"],
            slug=row["slug"],
            topic=row["topic"],
            panel=panels.get(row["panel"]),
            commissioned_by=row["commissioned_by"],
            scope=row["scope"],
            findings=row["findings"],
            started_on=row["started"],
            ended_on=row["ended"],
            status=row["status"],
        )
        review.full_clean()
        review.save()
        for order, (text, owner, response, reason, due, status, evidence) in enumerate(
            recommendations
        ):
            rec = Recommendation(
                review=review,
                sort_order=order,
                text=text,
                owner=owner,
                response=response,
                response_reason=reason,
                due_on=due,
                status=status,
                evidence=evidence,
            )
            rec.full_clean()
            rec.save()
        added += 1
    return added
