"""Choosers that list residents' personal data only to staff allowed to see it.

Wagtail's chooser views check a permission only for their "create" tab: anyone who can
reach the admin can list and pick. That is fine for funds or areas, but a chooser of
people, memberships, meetings or grant applications would let a communications editor
read residents' names. These choosers first require a permission on the model itself.
"""

from django.core.exceptions import PermissionDenied

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


def guarded(view_class):
    return type(f"Private{view_class.__name__}", (RequireModelPermission, view_class), {})


class PrivateSnippetChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser, for snippets that hold personal data."""

    choose_view_class = guarded(snippet_chooser.ChooseView)
    choose_results_view_class = guarded(snippet_chooser.ChooseResultsView)
    chosen_view_class = guarded(snippet_chooser.SnippetChosenView)
    chosen_multiple_view_class = guarded(snippet_chooser.SnippetChosenMultipleView)
