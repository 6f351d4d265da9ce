from django.db.models import Q

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from forms.erasure import ERASURE_HOOK
from forms.involvement import PERSON_HISTORY_HOOK
from forms.subject_access import PERSON_DATA_HOOK

from .erasure import grants_erasure
from .history import applications_section
from .personal_data import applications_data
from .viewsets import GrantsGroup

register_snippet(GrantsGroup)

hooks.register(PERSON_HISTORY_HOOK, applications_section, order=40)
hooks.register(ERASURE_HOOK, grants_erasure)
hooks.register(PERSON_DATA_HOOK, applications_data, order=40)


@hooks.register("filter_form_submissions_for_user")
def hide_applicants(user, editable_forms):
    """Editing the application form must not open what applicants sent: personal data."""
    if user.has_perm("involvement_grants.view_grantapplication"):
        return editable_forms
    return editable_forms.exclude(Q(involvement_grant_application_form_page__isnull=False))
