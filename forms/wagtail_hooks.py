from django.db.models import Q

from wagtail import hooks
from wagtail.models import Site

from involvement_pages import page_cache
from involvement_pages.models import JOIN_REGISTER_HOOK

from .audit import register_audit_actions
from .choosers import person_chooser_viewset
from .erasure import erasure_log_action
from .models import EqualityMonitoring, RegisterFormPage
from .viewsets import EqualityViewSet, PersonViewSet, SignUpViewSet, residents_answers_policy

try:
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7: EqualityViewSet names the policy itself
    pass
else:
    register_permission_policy(EqualityMonitoring, residents_answers_policy, exact_class=True)


hooks.register("register_log_actions", erasure_log_action)


@hooks.register("register_admin_viewset")
def register_person_viewset():
    return PersonViewSet()


@hooks.register("register_admin_viewset")
def register_sign_up_viewset():
    return SignUpViewSet()


@hooks.register("register_admin_viewset")
def register_equality_viewset():
    return EqualityViewSet()


@hooks.register("filter_form_submissions_for_user")
def hide_residents_submissions(user, editable_forms):
    """Editing a form page must not open its submissions: they are residents' personal data."""
    if user.has_perm("involvement_forms.view_person"):
        return editable_forms
    ours = Q(involvement_register_form_page__isnull=False) | Q(
        involvement_sign_up_form_page__isnull=False
    )
    return editable_forms.exclude(ours)


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset


@hooks.register(JOIN_REGISTER_HOOK)
def join_page(request):
    """The site's join form: its first live, public one, in tree order."""
    pages = page_cache.public(RegisterFormPage.objects.live())
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        pages = pages.in_site(site)
    return pages.order_by("path").first()


hooks.register("register_log_actions", register_audit_actions)
