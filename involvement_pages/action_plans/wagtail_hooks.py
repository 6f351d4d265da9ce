from wagtail.snippets.models import register_snippet

from .viewsets import ActionPlanViewSet

register_snippet(ActionPlanViewSet)
