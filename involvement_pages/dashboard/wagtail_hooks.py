from wagtail.snippets.models import register_snippet

from .viewsets import CustomerProfileViewSet, SatisfactionWaveViewSet

# Customer profiles and satisfaction survey waves: what the dashboard cannot count itself.
register_snippet(CustomerProfileViewSet)
register_snippet(SatisfactionWaveViewSet)
