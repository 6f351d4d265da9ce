from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import OverdueRecommendationsViewSet, ScrutinyReviewViewSet

register_snippet(ScrutinyReviewViewSet)


@hooks.register("register_admin_viewset")
def register_overdue_recommendations():
    return OverdueRecommendationsViewSet()
