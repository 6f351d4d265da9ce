"""The register's "Download everything we hold" button, and finding a person for the command."""

from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views import View

from involvement_pages.references import own_pk

from .audit import log_person_exported
from .models import Person
from .subject_access import person_data
from .subject_access_files import build_zip, export_filename

VIEW_EQUALITY = "involvement_forms.view_equalitymonitoring"


def export_person(person, user, *, include_equality, via):
    """(file name, zip bytes), with the export written to the audit log."""
    content = build_zip(person, person_data(person, include_equality=include_equality))
    log_person_exported(person, user, equality_included=include_equality, via=via)
    return export_filename(person), content


class ExportPersonView(View):
    """Officers only (who may view the register); equality answers only for that group."""

    permission_policy = None  # the register's, set by its viewset

    def get(self, request, pk):
        # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect home,
        # which a script fetching exports could mistake for success.
        if not self.permission_policy.user_has_permission(request.user, "view"):
            return HttpResponseForbidden(gettext("Only involvement officers may export a person."))
        person = get_object_or_404(Person, pk=pk)
        include_equality = request.user.has_perm(VIEW_EQUALITY)
        filename, content = export_person(
            person, request.user, include_equality=include_equality, via="admin"
        )
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(response, no_store=True, private=True)
        return response


def people_referred_to(text):
    """Everyone ``text`` could mean: a legacy reference, ``ID-<pk>``, or an email address."""
    text = text.strip()
    if not text:
        return []
    found = {p.pk: p for p in Person.objects.filter(legacy_reference=text)}
    pk = own_pk(text)
    if pk is not None:
        found.update({p.pk: p for p in Person.objects.filter(pk=pk)})
    if "@" in text:
        found.update({p.pk: p for p in Person.objects.filter(email__iexact=text)})
    return sorted(found.values(), key=lambda p: p.pk)
