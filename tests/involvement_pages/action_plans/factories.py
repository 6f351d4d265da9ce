import datetime

import factory
from factory.django import DjangoModelFactory

from involvement_pages.action_plans.models import ActionPlan, PlanAction


class ActionPlanFactory(DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title = factory.Sequence(lambda n: f"Customer Involvement Strategy action plan {n}")
    slug = factory.Sequence(lambda n: f"action-plan-{n}")
    period = "2025/2026"
    starts_on = datetime.date(2025, 4, 1)
    ends_on = datetime.date(2026, 3, 31)


class PlanActionFactory(DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(ActionPlanFactory)
    objective = "1. Increase Involvement"
    action = factory.Sequence(lambda n: f"Produce and promote a menu of involvement ({n})")
    milestone = "Menu published"
    responsible = "Customer Involvement Manager"
    target_date = datetime.date(2026, 3, 31)
    percent_done = 0
