"""The officers' import in the admin, shaped like ``wagtail.contrib.redirects``' importer:
upload → a preview of every column (the field it fills, which the officer may change) and of
every row → confirm or cancel → the result in the import history.

Nothing here reads or writes records itself: the preview is a dry run and the confirm a real
run of ``importers.engine.run_import`` on the same stored bytes (``tasks.check_or_import``).
Every view checks ``importers.run_import`` itself, because import-export's own import
permission setting is off by default and these views do not go through its admin.
"""

import csv
import hashlib
import json
import re

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin

from forms.spreadsheet import escape_formula

from .columns import column_letter
from .forms import MappingForm, UploadForm
from .models import ColumnMapping, ImportRun
from .pending import BadToken, ExpiredToken, Pending
from .permissions import import_run_permission_policy
from .resources import RESOURCES
from .tasks import (
    background_rows,
    check_or_import,
    check_or_import_in_background,
    estimate_rows,
    forget_stale_previews,
    rows_done,
)

ROWS_PER_PAGE = 100
STATUSES = [
    ("new", _("New")),
    ("updated", _("Updated")),
    ("unchanged", _("Unchanged")),
    ("error", _("Errors")),
]
STATUS_LABELS = {
    "new": _("New"),
    "updated": _("Updated"),
    "unchanged": _("Unchanged"),
    "error": _("Error"),
}
UNSAFE_FILENAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def resource_label(name):
    resource = RESOURCES.get(name)
    return (resource.label if resource else "") or name


def result_url(run):
    return reverse("importers:inspect", args=[run.pk])


def columns_digest(report):
    """Names the columns a preview showed, so a confirm from an older tab is caught."""
    fields = [c.get("field", "") for c in (report or {}).get("columns", [])]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]


def confirmed_mapping(report):
    """The field each column fills, as the preview being confirmed showed them."""
    columns = (report or {}).get("columns")
    return [c.get("field", "") for c in columns] if columns else None


def column_rows(run, form=None):
    """Each column of a run's file, for the column step and the history: its header, the
    field it fills, why, and (on a waiting preview) its first values and select."""
    report = run.report or {}
    resource = RESOURCES.get(run.resource)
    labels = {c.field: c.header for c in resource.columns} if resource else {}
    samples = report.get("samples", [])
    rows = []
    for index, column in enumerate(report.get("columns", [])):
        if column.get("empty"):
            continue
        letter = column_letter(index)
        rows.append(
            {
                "index": index,
                "letter": letter,
                "header": column["header"],
                "name": column["header"]
                or gettext("Column %(letter)s (no header)") % {"letter": letter},
                "field": column["field"],
                "label": labels.get(column["field"], column["field"]),
                "checked_by_words": column.get("how") == "words",
                "note": column.get("note", ""),
                "error": column.get("error", ""),
                "samples": samples[index] if index < len(samples) else [],
                "select": form[MappingForm.field_name(index)] if form else None,
            }
        )
    return rows


def problem_links(form, rows, column_errors):
    """The error summary: each problem linked to the select or field that fixes it."""
    links = []
    if form is not None and form.is_bound:
        for field in form:
            links.extend((f"#{field.id_for_label}", error) for error in field.errors)
    shown = set()
    for row in rows:
        if row["error"]:
            target = f"#{row['select'].id_for_label}" if row["select"] else "#columns"
            links.append((target, row["error"]))
            shown.add(row["error"])
    links.extend(("#columns", message) for message in column_errors if message not in shown)
    return links


def _row(kept):
    line, status, reference, name, changes, errors = kept
    return {
        "line": line,
        "status": status,
        "status_label": STATUS_LABELS.get(status, status),
        "reference": reference,
        "name": name,
        "changes": changes,
        "errors": errors,
    }


class ImportViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    model = ImportRun
    permission_policy = import_run_permission_policy  # Wagtail 7 does not look it up from model
    permission_required = "run_import"
    page_title = _("Import records")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("importers:upload"), "label": _("Import records")}]
        if self.get_page_subtitle():
            items.append({"url": "", "label": self.get_page_subtitle()})
        return self.breadcrumbs_items + items


class PendingMixin:
    """Reads the signed token that names the waiting file and its run."""

    def load_pending(self, token):
        try:
            pending = Pending.from_token(token or "")
        except ExpiredToken:
            return None
        except BadToken as exc:
            # Only an altered or invented token gets here; refuse it like redirects does.
            raise SuspiciousOperation("The import's signed token is not valid.") from exc
        if pending.user != self.request.user.pk:
            raise PermissionDenied
        self.pending = pending
        self.run = get_object_or_404(ImportRun, pk=pending.run)
        return pending

    def expired(self):
        messages.error(
            self.request,
            gettext(
                "That preview is more than a day old, so it cannot be used. Upload the file again."
            ),
        )
        return redirect("importers:upload")


class UploadView(ImportViewMixin, FormView):
    template_name = "importers/upload.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resources"] = RESOURCES.values()
        context["background_rows"] = background_rows()
        return context

    def form_valid(self, form):
        # Each upload also clears out yesterday's abandoned ones, so no site needs a cron job
        # for it (``manage.py forget_stale_imports`` does the same on a schedule).
        forget_stale_previews()
        upload = form.cleaned_data["file"]
        data = b"".join(upload.chunks())
        run, pending = ImportRun.receive(
            resource=form.cleaned_data["resource"],
            user=self.request.user,
            file_name=upload.name,
            data=data,
            sheet=form.cleaned_data["sheet"].strip(),
            encoding=form.cleaned_data["encoding"],
        )
        token = run.pending_token
        if estimate_rows(data) > background_rows():
            check_or_import_in_background.enqueue(pending.as_dict(), True)
            return redirect("importers:progress", token=token)
        check_or_import(pending.as_dict(), dry_run=True)
        return redirect("importers:preview", token=token)


class PreviewView(ImportViewMixin, PendingMixin, TemplateView):
    """The column step and the preview: every column with the field it fills, which the
    officer may change and check again (a POST here), and what would happen to every row."""

    template_name = "importers/preview.html"
    page_subtitle = _("Check before importing")

    def get(self, request, *args, token, **kwargs):
        if self.load_pending(token) is None:
            return self.expired()
        if self.run.in_progress:
            return redirect("importers:progress", token=token)
        if not self.run.dry_run:
            return redirect(result_url(self.run))
        return super().get(request, *args, token=token, **kwargs)

    def post(self, request, *args, token, **kwargs):
        if self.load_pending(token) is None:
            return self.expired()
        if not self.can_choose_columns():
            messages.error(
                request,
                gettext("This file is no longer waiting to be imported, so its columns stay."),
            )
            return redirect(result_url(self.run))
        form = self.mapping_form(data=request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(token=token, form=form))
        fields = form.mapping()
        # Taken first, so a confirm or a second tab cannot run at the same time.
        if not self.run.recheck():
            messages.error(request, gettext("This file is no longer waiting to be imported."))
            return redirect(result_url(self.run))
        if form.cleaned_data["save_as"]:
            self.save_mapping(form.cleaned_data["save_as"], fields)
        rows = max(self.run.total_rows, (self.run.report or {}).get("rows_in_file", 0))
        if rows > background_rows():
            check_or_import_in_background.enqueue(self.pending.as_dict(), True, fields)
            return redirect("importers:progress", token=token)
        check_or_import(self.pending.as_dict(), dry_run=True, mapping=fields)
        return redirect(reverse("importers:preview", args=[token]) + "#columns")

    def can_choose_columns(self):
        run = self.run
        return (
            run.dry_run
            and bool(run.pending_token)
            and run.outcome in (ImportRun.Outcome.PREVIEWED, ImportRun.Outcome.REFUSED)
            and bool((run.report or {}).get("columns"))
        )

    def mapping_form(self, data=None):
        return MappingForm(
            data=data,
            columns=(self.run.report or {}).get("columns", []),
            resource=RESOURCES[self.run.resource],
        )

    def save_mapping(self, name, fields):
        headers = [c["header"] for c in self.run.report["columns"]]
        _, created = ColumnMapping.remember(
            resource=self.run.resource,
            name=name,
            headers=headers,
            fields=fields,
            user=self.request.user,
        )
        message = (
            gettext("Saved these column choices as '%(name)s'.")
            if created
            else gettext("Replaced the column choices saved as '%(name)s' with these.")
        )
        messages.success(self.request, message % {"name": name})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        report = run.report or {}
        rows = report.get("rows", [])
        status = self.request.GET.get("status", "")
        if status not in dict(STATUSES):
            status = ""
        shown = [r for r in rows if r[1] == status] if status else rows
        page = Paginator(shown, ROWS_PER_PAGE).get_page(self.request.GET.get("p"))
        counts = {"new": run.new, "updated": run.updated, "unchanged": run.unchanged}
        counts["error"] = run.errors
        can_choose = self.can_choose_columns()
        form = kwargs.get("form") or (self.mapping_form() if can_choose else None)
        columns = column_rows(run, form)
        column_errors = report.get("column_errors", [])
        context.update(
            form=form,
            can_choose_columns=can_choose,
            columns=columns,
            problem_links=problem_links(form, columns, column_errors),
            saved_mapping=report.get("saved_mapping", ""),
            rows_in_file=report.get("rows_in_file", 0),
            columns_digest=columns_digest(report),
            saved_mappings_url=reverse("column_mappings:index"),
            run=run,
            resource_label=resource_label(run.resource),
            token=kwargs["token"],
            errors=report.get("errors", []),
            unknown_columns=report.get("unknown_columns", []),
            file_description=report.get("file_description", ""),
            can_confirm=run.outcome == ImportRun.Outcome.PREVIEWED,
            status=status,
            statuses=[(key, label, counts[key]) for key, label in STATUSES],
            page=page,
            rows=[_row(r) for r in page],
            rows_kept=len(rows),
            rows_cut=run.total_rows > len(rows),
        )
        return context


class ConfirmView(ImportViewMixin, PendingMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        if self.load_pending(request.POST.get("pending")) is None:
            return self.expired()
        shown = request.POST.get("columns")
        if shown is not None and shown != columns_digest(self.run.report):
            messages.error(
                request,
                gettext(
                    "The columns were changed after this preview was shown (in another tab "
                    "or window), so nothing was imported. Check this preview, then import."
                ),
            )
            return redirect("importers:preview", token=request.POST["pending"])
        # A double click, a second tab or a reused token finds the preview already claimed,
        # and the file is imported once.
        if not self.run.claim(self.pending.sha256):
            messages.error(
                request,
                gettext(
                    "This file has already been imported, cancelled, or found to have errors, "
                    "so it was not imported again."
                ),
            )
            return redirect(result_url(self.run))
        # Claimed, the run's columns can no longer change: import with the ones it shows.
        self.run.refresh_from_db(fields=["report"])
        mapping = confirmed_mapping(self.run.report)
        if self.run.total_rows > background_rows():
            check_or_import_in_background.enqueue(self.pending.as_dict(), False, mapping)
            return redirect("importers:progress", token=request.POST["pending"])
        check_or_import(self.pending.as_dict(), dry_run=False, mapping=mapping)
        return redirect(result_url(self.run))


class CancelView(ImportViewMixin, PendingMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        if self.load_pending(request.POST.get("pending")) is None:
            return self.expired()
        if self.run.cancel():
            messages.success(
                request,
                gettext("Cancelled. Nothing from %(file)s was imported.")
                % {"file": self.run.file_name},
            )
        else:
            messages.error(request, gettext("This file is no longer waiting to be imported."))
        return redirect("importers:upload")


class ProgressView(ImportViewMixin, PendingMixin, TemplateView):
    template_name = "importers/progress.html"
    refresh_seconds = 3

    def get(self, request, *args, token, **kwargs):
        if self.load_pending(token) is None:
            return self.expired()
        return super().get(request, *args, token=token, **kwargs)

    def get_page_subtitle(self):
        return gettext("Checking the file") if self.run.dry_run else gettext("Importing")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        done = rows_done(run)
        context.update(
            run=run,
            resource_label=resource_label(run.resource),
            active=run.in_progress,
            rows_done=done,
            percent=int(100 * done / run.total_rows) if run.total_rows else 0,
            refresh_seconds=self.refresh_seconds,
            next_url=(
                reverse("importers:preview", kwargs={"token": kwargs["token"]})
                if run.dry_run
                else result_url(run)
            ),
        )
        return context


class ErrorsCSVView(PermissionCheckedMixin, View):
    """A run's problems as CSV, every cell escaped so a spreadsheet shows it as text."""

    model = ImportRun
    permission_policy = import_run_permission_policy  # Wagtail 7 does not look it up from model
    any_permission_required = ["view", "run_import"]

    def get(self, request, pk):
        run = get_object_or_404(ImportRun, pk=pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stem = UNSAFE_FILENAME_RE.sub("-", run.file_name.rsplit(".", 1)[0]).strip("-") or "import"
        response["Content-Disposition"] = f'attachment; filename="{stem}-errors-{run.pk}.csv"'
        response.write("\ufeff")  # a BOM, so Excel reads accented names correctly
        writer = csv.writer(response)
        writer.writerow([gettext("Line"), gettext("Column"), gettext("Problem")])
        for line, column, message in (run.report or {}).get("errors", []):
            writer.writerow([escape_formula(str(cell)) for cell in (line, column, message)])
        return response
