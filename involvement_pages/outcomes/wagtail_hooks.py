from wagtail.snippets.models import register_snippet

from .viewsets import OutcomeViewSet

register_snippet(OutcomeViewSet)
