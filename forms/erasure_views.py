"""The register's "Erase this person": it takes the place of the generic Delete for people.

It is the viewset's delete view, so Wagtail's own Delete links and permission ("delete
person", held by involvement officers) lead here, and nothing can delete a person's row.
"""

from django.contrib.admin.utils import quote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.views.generic import DeleteView

from .erasure import ErasureRefused, erase_person, plan_erasure


class PersonEraseView(DeleteView):
    template_name = "involvement_forms/admin/person_erase.html"
    page_title = _("Erase this person")
    inspect_url_name = None

    # No reference index for people (it would show names to editors): no "usage" count.
    def get_usage_url(self):
        return None

    def get_usage(self):
        return None

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    @property
    def confirmation_message(self):
        return gettext(
            "Erase this person for good? This cannot be undone. Their records of taking part "
            "stay, under the name \u201cErased person\u201d, so the numbers still add up."
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context["already_erased"] = bool(self.object.erased_at)
        return context

    def get(self, request, *args, **kwargs):
        self.plan = plan_erasure(self.object)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.object.erased_at:
            return HttpResponseRedirect(self.get_success_url())
        try:
            erase_person(self.object, request.user)
        except ErasureRefused as refused:
            self.plan = plan_erasure(self.object)
            messages.error(request, gettext("Not erased: %(reasons)s") % {"reasons": refused})
            return self.render_to_response(self.get_context_data(), status=409)
        messages.success(
            request, gettext("Erased. Their records of taking part stay, with no name on them.")
        )
        return HttpResponseRedirect(self.get_success_url())
