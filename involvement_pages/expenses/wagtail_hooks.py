from wagtail import hooks

from forms.erasure import ERASURE_HOOK
from forms.involvement import PERSON_HISTORY_HOOK

from .erasure import expenses_erasure
from .history import person_claims_section
from .viewsets import ExpenseClaimViewSet


@hooks.register("register_admin_viewset")
def register_expense_claims():
    return ExpenseClaimViewSet()


hooks.register(PERSON_HISTORY_HOOK, person_claims_section, order=50)
hooks.register(ERASURE_HOOK, expenses_erasure)
