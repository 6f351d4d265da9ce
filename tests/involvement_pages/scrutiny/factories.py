import datetime

import factory
from factory.django import DjangoModelFactory

from involvement_pages.scrutiny.models import (
    Recommendation,
    ReviewKind,
    ReviewStatus,
    ScrutinyReview,
)


class ScrutinyReviewFactory(DjangoModelFactory):
    class Meta:
        model = ScrutinyReview

    kind = ReviewKind.SCRUTINY_PANEL
    topic = factory.Sequence(lambda n: f"Repairs review {n}")
    slug = factory.Sequence(lambda n: f"review-{n}")
    started_on = datetime.date(2025, 1, 6)
    ended_on = datetime.date(2025, 3, 28)
    status = ReviewStatus.FINISHED


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(ScrutinyReviewFactory)
    text = factory.Sequence(lambda n: f"Text customers when a repair is booked ({n})")
    owner = "Repairs Manager"
    response = "accepted"
    due_on = datetime.date(2025, 9, 30)
