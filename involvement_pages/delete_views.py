"""Deleting a list entry that records still need: a message, not a server error."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext

from wagtail.snippets.views import snippets as snippet_views


class ProtectedDeleteView(snippet_views.DeleteView):
    """Say why an entry kept by expense claims or budgets cannot go, and leave it be.

    The message names no record: editors may delete list entries but never see claims.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                gettext(
                    "%(name)s is kept by records that need it, such as expense claims or "
                    "budgets, so it cannot be deleted. Rename it or stop using it instead."
                )
                % {"name": self.object},
            )
            return redirect(self.get_success_url())
