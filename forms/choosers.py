"""Choosing someone from the involvement register, only for staff allowed to see it."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as generic
from wagtail.admin.viewsets.chooser import ChooserViewSet

from involvement_pages.private_choosers import RequireModelPermission


class PersonSearchForm(BaseFilterForm):
    q = forms.CharField(label=_("Name, email or postcode"), required=False)

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()[:200]
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(name__icontains=query) | Q(email__icontains=query) | Q(postcode__icontains=query)
            )
        return objects


def choosable(people):
    """Who may be chosen: active residents, never an erased person's placeholder, whether
    picked from the list or by a number typed into the chooser's address."""
    return people.filter(is_active=True, erased_at__isnull=True)


class PersonChooseViewMixin:
    filter_form_class = PersonSearchForm

    def get_object_list(self):
        return choosable(self.model_class.objects).select_related("landlord", "area")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("landlord", label=_("Landlord")),
            Column("area", label=_("Area")),
        ]


class PersonChooseView(RequireModelPermission, PersonChooseViewMixin, generic.ChooseView):
    pass


class PersonChooseResultsView(
    RequireModelPermission, PersonChooseViewMixin, generic.ChooseResultsView
):
    pass


class PersonChosenView(RequireModelPermission, generic.ChosenView):
    def get_object(self, pk):
        return choosable(self.model_class.objects).get(pk=pk)


class PersonChosenMultipleView(RequireModelPermission, generic.ChosenMultipleView):
    def get_objects(self, pks):
        return choosable(self.model_class.objects).filter(pk__in=pks)


class PersonChooserViewSet(ChooserViewSet):
    """Pick someone from the involvement register, by name, email or postcode."""

    model = "involvement_forms.Person"
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    per_page = 20
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView


person_chooser_viewset = PersonChooserViewSet(
    "involvement_person_chooser", url_prefix="involvement/choose-person"
)
