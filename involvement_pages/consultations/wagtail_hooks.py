from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page

from forms.erasure import ERASURE_HOOK
from forms.retention import RETENTION_HOOK
from forms.subject_access import PERSON_DATA_HOOK
from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from . import views
from .erasure import consultations_erasure
from .models import ConsultationPage
from .personal_data import responses_data
from .retention import consultation_rules

urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="index"),
    path("<int:page_id>/results/", views.ResultsView.as_view(), name="results"),
    path("<int:page_id>/results/download/", views.ExportView.as_view(), name="export"),
    path(
        "<int:page_id>/responses/<int:response_id>/delete/",
        views.DeleteResponseView.as_view(),
        name="delete_response",
    ),
]


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path(
            "consultations/",
            include(
                (urlpatterns, "involvement_consultations"), namespace="involvement_consultations"
            ),
        )
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_responses(request.user)


@hooks.register(INVOLVEMENT_MENU_HOOK)
def register_results_menu_item():
    return ResultsMenuItem(
        _("Consultation results"),
        reverse("involvement_consultations:index"),
        icon_name="form",
        order=60,
    )


@hooks.register("register_page_listing_buttons")
def results_button(page, user, next_url=None):
    # specific_class comes from the cached content type: no query per row.
    if issubclass(page.specific_class or Page, ConsultationPage) and views.can_see_responses(user):
        yield ListingButton(
            _("Results"),
            reverse("involvement_consultations:results", args=[page.pk]),
            priority=30,
        )


@hooks.register("filter_form_submissions_for_user")
def hide_consultation_answers(user, editable_forms):
    """Editing a consultation must not open its answers: free text can name people."""
    if views.can_see_responses(user):
        return editable_forms
    return editable_forms.exclude(Q(involvement_consultation_page__isnull=False))


hooks.register(RETENTION_HOOK, consultation_rules)
hooks.register(ERASURE_HOOK, consultations_erasure)
hooks.register(PERSON_DATA_HOOK, responses_data, order=50)
