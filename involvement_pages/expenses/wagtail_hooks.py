from wagtail import hooks

from forms.erasure import ERASURE_HOOK
from forms.involvement import PERSON_HISTORY_HOOK
from forms.subject_access import PERSON_DATA_HOOK

from .erasure import expenses_erasure
from .history import person_claims_section
from .personal_data import claims_data
from .viewsets import ExpenseClaimViewSet


@hooks.register("register_admin_viewset")
def register_expense_claims():
    return ExpenseClaimViewSet()


hooks.register(PERSON_HISTORY_HOOK, person_claims_section, order=50)
hooks.register(ERASURE_HOOK, expenses_erasure)
hooks.register(PERSON_DATA_HOOK, claims_data, order=30)
