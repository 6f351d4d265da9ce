"""Choosers that list residents' personal data only to staff allowed to see it.

Wagtail's chooser views check a permission only for their "create" tab: anyone who can
reach the admin can list and pick. That is fine for funds or areas, but a chooser of
people, memberships, meetings or grant applications would let a communications editor
read residents' names. These choosers first require a permission on the model itself.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as generic
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet

ANY_PERMISSION = ["add", "change", "delete", "view"]


class RequireModelPermission:
    """Refuse the view unless the user holds a permission on the chooser's model."""

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model_class)
        if not policy.user_has_any_permission(request.user, ANY_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _guarded(view_class):
    return type(f"Private{view_class.__name__}", (RequireModelPermission, view_class), {})


class PrivateSnippetChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser, for snippets that hold personal data."""

    choose_view_class = _guarded(snippet_chooser.ChooseView)
    choose_results_view_class = _guarded(snippet_chooser.ChooseResultsView)
    chosen_view_class = _guarded(snippet_chooser.SnippetChosenView)
    chosen_multiple_view_class = _guarded(snippet_chooser.SnippetChosenMultipleView)


class PersonSearchForm(BaseFilterForm):
    q = forms.CharField(label="Name, email or postcode", required=False)

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()[:200]
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(name__icontains=query) | Q(email__icontains=query) | Q(postcode__icontains=query)
            )
        return objects


class PersonChooseViewMixin:
    filter_form_class = PersonSearchForm

    def get_object_list(self):
        return self.model_class.objects.filter(is_active=True).select_related("landlord", "area")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("landlord", label="Landlord"),
            Column("area", label="Area"),
        ]


class PersonChooseView(RequireModelPermission, PersonChooseViewMixin, generic.ChooseView):
    pass


class PersonChooseResultsView(
    RequireModelPermission, PersonChooseViewMixin, generic.ChooseResultsView
):
    pass


class PersonChooserViewSet(ChooserViewSet):
    """Pick someone from the involvement register, by name, email or postcode."""

    model = "involvement_forms.Person"
    icon = "user"
    choose_one_text = "Choose a person"
    choose_another_text = "Choose another person"
    per_page = 20
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = _guarded(generic.ChosenView)
    chosen_multiple_view_class = _guarded(generic.ChosenMultipleView)


person_chooser_viewset = PersonChooserViewSet(
    "involvement_person_chooser", url_prefix="involvement/choose-person"
)
