"""The importer's place in the admin's "Involvement" menu: "Import records" (the upload,
column step, preview and confirm pages), "Import history" (every run, read-only, with its
errors) and "Saved column mappings" (listed and deleted here, saved from the column step)."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from involvement_pages.viewsets import INVOLVEMENT_MENU_HOOK

from . import views
from .models import ColumnMapping, ImportRun
from .permissions import column_mapping_permission_policy, import_run_permission_policy
from .resources import RESOURCES

# Either lets an officer see what happened to an import: the history, or the result of their own.
SEE_RUNS = ["view", "run_import"]


class ImportRecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("importers.run_import")


def resource_choices():
    return [(name, resource.label or name) for name, resource in RESOURCES.items()]


class ImportRunFilterSet(WagtailFilterSet):
    resource = django_filters.MultipleChoiceFilter(
        label=_("Records"), choices=resource_choices, widget=forms.CheckboxSelectMultiple
    )
    outcome = django_filters.MultipleChoiceFilter(
        label=_("Outcome"), choices=ImportRun.Outcome.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ImportRun
        fields = []


class ImportHistoryView(IndexView):
    any_permission_required = SEE_RUNS
    page_title = _("Import history")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")

    def get_inspect_url(self, instance):
        if self.user_has_any_permission(SEE_RUNS):
            return reverse(self.inspect_url_name, args=[instance.pk])
        return None


class ImportRunInspectView(InspectView):
    """The result of one run: who, when, which file, what it did, and every problem found."""

    any_permission_required = SEE_RUNS
    template_name = "importers/importrun_inspect.html"
    page_title = _("Import")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        report = run.report or {}
        context.update(
            run=run,
            resource_label=views.resource_label(run.resource),
            columns=views.column_rows(run),
            errors=report.get("errors", []),
            unknown_columns=report.get("unknown_columns", []),
            file_description=run.file_description or report.get("file_description", ""),
            way_back=self.way_back(run),
        )
        return context

    def way_back(self, run):
        """(url, label) back to the officer's own upload while it is running or waiting."""
        user = self.request.user
        if not run.pending_token or run.user_id != user.pk:
            return None
        if not user.has_perm("importers.run_import"):
            return None
        if run.in_progress:
            return reverse("importers:progress", args=[run.pending_token]), gettext(
                "See how it is going"
            )
        if run.outcome == ImportRun.Outcome.PREVIEWED:
            url = reverse("importers:preview", args=[run.pending_token])
            return url, gettext("Back to the preview, to import or cancel")
        return None


def _user_name(run):
    if run.user is None:
        return "—"
    return run.user.get_full_name() or run.user.get_username()


class ImportRunViewSet(ModelViewSet):
    model = ImportRun
    name = "importers"
    icon = "history"
    menu_label = _("Import history")
    menu_order = 85
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ImportHistoryView
    inspect_view_class = ImportRunInspectView
    filterset_class = ImportRunFilterSet
    if WAGTAIL_VERSION < (8, 0):
        # Wagtail 8 finds the policy in wagtail.permissions' registry (wagtail_hooks.py) and
        # deprecates this attribute; Wagtail 7 knows only this.
        permission_policy = import_run_permission_policy
    list_display = [
        "file_name",
        Column("resource", label=_("Records"), accessor=lambda r: views.resource_label(r.resource)),
        DateColumn("started_at", label=_("Started")),
        Column("user", label=_("By"), accessor=_user_name),
        Column("outcome", label=_("Outcome"), accessor="get_outcome_display"),
        Column("new", label=_("New")),
        Column("updated", label=_("Updated")),
        Column("unchanged", label=_("Unchanged")),
        Column("errors", label=_("Errors")),
    ]

    def get_urlpatterns(self):
        # The history is read-only, so only its listing and detail pages exist, beside the
        # upload → preview → confirm pages.
        return [
            path("", views.UploadView.as_view(), name="upload"),
            path("preview/<str:token>/", views.PreviewView.as_view(), name="preview"),
            path("progress/<str:token>/", views.ProgressView.as_view(), name="progress"),
            path("confirm/", views.ConfirmView.as_view(), name="confirm"),
            path("cancel/", views.CancelView.as_view(), name="cancel"),
            path("history/", self.index_view, name="index"),
            path("history/results/", self.index_results_view, name="index_results"),
            path("history/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/errors.csv", views.ErrorsCSVView.as_view(), name="errors_csv"),
        ]


def _mapping_summary(mapping):
    """'Legacy Ref → Reference; Mobile → not imported', in the resource's labels."""
    resource = RESOURCES.get(mapping.resource)
    labels = {c.field: c.header for c in resource.columns} if resource else {}
    not_imported = gettext("not imported")
    return "; ".join(
        f"{header} → {labels.get(field, field) if field else not_imported}"
        # Sorted: PostgreSQL's jsonb keeps keys in an order of its own, not the file's.
        for header, field in sorted(mapping.mapping.items(), key=lambda item: item[0].casefold())
    )


def _saved_by(mapping):
    user = mapping.created_by
    return (user.get_full_name() or user.get_username()) if user else "—"


class ColumnMappingViewSet(ModelViewSet):
    """The column choices officers saved, to see which exist and delete the ones no longer
    wanted. They are made, and replaced, from an import's column step."""

    model = ColumnMapping
    name = "column_mappings"
    url_prefix = "importers/column-mappings"
    icon = "table"
    menu_label = _("Saved column mappings")
    menu_order = 86
    menu_hook = INVOLVEMENT_MENU_HOOK
    add_to_reference_index = False
    copy_view_enabled = False
    if WAGTAIL_VERSION < (8, 0):
        permission_policy = column_mapping_permission_policy
    list_display = [
        "name",
        Column("resource", label=_("Records"), accessor=lambda m: views.resource_label(m.resource)),
        Column("mapping", label=_("Columns"), accessor=_mapping_summary),
        Column("created_by", label=_("Saved by"), accessor=_saved_by),
        DateColumn("created_at", label=_("Saved")),
    ]

    def get_delete_view_kwargs(self, **kwargs):
        # Nothing refers to a saved mapping, so there is no usage page to link to.
        return super().get_delete_view_kwargs(usage_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]
