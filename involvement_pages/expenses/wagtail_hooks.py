from wagtail import hooks

from .history import PERSON_HISTORY_HOOK, person_claims_section
from .viewsets import ExpenseClaimViewSet


@hooks.register("register_admin_viewset")
def register_expense_claims():
    return ExpenseClaimViewSet()


hooks.register(PERSON_HISTORY_HOOK, person_claims_section)
