from wagtail.snippets.models import register_snippet

from .viewsets import BudgetViewSet

register_snippet(BudgetViewSet)
