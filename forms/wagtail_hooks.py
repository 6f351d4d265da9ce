from django.db.models import Q

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .choosers import person_chooser_viewset
from .models import EqualityMonitoring
from .viewsets import EqualityViewSet, PersonViewSet, ResidentsAnswersPolicy, SignUpViewSet

register_permission_policy(
    EqualityMonitoring, ResidentsAnswersPolicy(EqualityMonitoring), exact_class=True
)


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
