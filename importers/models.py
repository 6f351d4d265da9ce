"""The import history: who loaded which file, when, what it did, and its error report."""

import logging

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .columns import header_signature
from .pending import BadToken, Pending, file_digest, store

logger = logging.getLogger(__name__)


class ImportRun(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Running")
        PREVIEWED = "previewed", _("Previewed, nothing written")
        IMPORTED = "imported", _("Imported")
        REFUSED = "refused", _("Refused, nothing written")
        FAILED = "failed", _("Failed, nothing written")
        CANCELLED = "cancelled", _("Cancelled after preview, nothing written")
        EXPIRED = "expired", _("Preview left more than a day, nothing written")

    resource = models.CharField(_("resource"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.CharField(
        _("via"), max_length=20, default="admin", help_text=_("admin or command line")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64)
    file_description = models.CharField(_("file description"), max_length=120, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    total_rows = models.PositiveIntegerField(_("total rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    report = models.JSONField(default=dict, blank=True, help_text=_("File errors and row errors."))
    pending_token = models.TextField(
        blank=True,
        help_text=_(
            "While an admin upload waits for its officer: the signed token naming the file."
        ),
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import")
        permissions = [("run_import", _("Can import legacy records"))]

    def __str__(self):
        return f"{self.file_name} ({self.get_outcome_display()})"

    # Its life, written only here. What an officer's clicks can race (confirm, cancel) is one
    # conditional UPDATE, so a double click or a second tab finds the run already moved on.

    @property
    def in_progress(self):
        return self.outcome in (self.Outcome.PENDING, self.Outcome.RUNNING)

    @classmethod
    def receive(cls, *, resource, user, file_name, data, sheet="", encoding=""):
        """An officer's upload, stored and waiting for its check: returns the run and the
        ``Pending`` that names the stored bytes. The file's SHA-256 is taken here, once."""
        sha256 = file_digest(data)
        run = cls.objects.create(
            resource=resource,
            user=user,
            via="admin",
            file_name=file_name[:255],
            file_size=len(data),
            file_sha256=sha256,
            dry_run=True,
            outcome=cls.Outcome.PENDING,
        )
        pending = Pending(
            run=run.pk,
            user=user.pk,
            resource=resource,
            file=store(data),
            sha256=sha256,
            sheet=sheet,
            encoding=encoding,
        )
        # Kept on the run so its owner can find the way back from the import history.
        run._write(pending_token=pending.sign())
        return run, pending

    def claim(self, sha256):
        """Take a previewed file for importing; False if it was taken, cancelled or changed."""
        return self._move(
            {"outcome": self.Outcome.PREVIEWED, "file_sha256": sha256},
            outcome=self.Outcome.PENDING,
            dry_run=False,
            rows_done=0,
        )

    def recheck(self):
        """The officer chose other columns: take the waiting upload to be checked again.
        False if it is no longer waiting (imported, cancelled, or being checked)."""
        if not self.pending_token:
            return False
        return self._move(
            {
                "outcome__in": [self.Outcome.PREVIEWED, self.Outcome.REFUSED],
                "dry_run": True,
                "pending_token": self.pending_token,
            },
            outcome=self.Outcome.PENDING,
            rows_done=0,
        )

    def start(self, *, dry_run):
        self._write(outcome=self.Outcome.RUNNING, rows_done=0, dry_run=dry_run)

    def count_rows(self, total_rows):
        """How many rows the file holds, for the progress page, once the file is read."""
        self._write(total_rows=total_rows)

    def finish(self, report, *, preview_rows=None):
        """Record what the engine did; a preview also keeps its rows for the preview page."""
        if report.written:
            outcome = self.Outcome.IMPORTED
        elif getattr(report, "stopped", "") == "database":
            outcome = self.Outcome.FAILED
        elif not report.ok:
            outcome = self.Outcome.REFUSED
        else:
            outcome = self.Outcome.PREVIEWED
        summary = report.as_json()
        if preview_rows is not None and outcome != self.Outcome.REFUSED:
            # A refused file keeps its summary (counts, each problem by line and column),
            # not a copy of its rows: they hold residents' names and nothing imports them.
            summary["rows"] = preview_rows
        counts = report.counts
        self._write(
            resource=report.resource,
            file_name=report.file_name[:255],
            file_size=report.file_size,
            file_sha256=report.file_sha256,
            file_description=report.file_description,
            dry_run=report.dry_run,
            outcome=outcome,
            finished_at=timezone.now(),
            total_rows=len(report.rows),
            rows_done=len(report.rows),
            seconds=round(report.seconds, 3),
            report=storable(summary),
            new=counts["new"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            errors=counts["error"],
        )

    def refuse(self, message):
        """Stop before anything is written because of the file (it changed, say)."""
        self._stop(self.Outcome.REFUSED, message)

    def fail(self, message):
        """Stop because of a fault on our side; the engine's transaction wrote nothing."""
        self._stop(self.Outcome.FAILED, message)

    def cancel(self):
        """The officer turned down the preview, or gave up on one with problems: False if it
        is no longer waiting."""
        token = self.pending_token
        if not token:
            return False
        cancelled = self._move(
            {
                "outcome__in": [self.Outcome.PREVIEWED, self.Outcome.REFUSED],
                "dry_run": True,
                "pending_token": token,
            },
            outcome=self.Outcome.CANCELLED,
            pending_token="",
            report=self._report_without_rows(),
        )
        if cancelled:
            self._remove_file(token)
        return cancelled

    def release(self):
        """Nothing more can be done with the upload: remove the file and the way back to it."""
        self._remove_file(self.pending_token)
        self._write(pending_token="", report=self._report_without_rows())

    def expire(self):
        """An upload left more than a day: a preview nobody confirmed, or a background run
        no worker finished. Remove its file and the copy of every row its preview kept
        (personal data nobody needs), and say so. False if another process got there first."""
        self._remove_file(self.pending_token)
        report = self._report_without_rows()
        outcome = self.outcome
        if self.in_progress:
            outcome = self.Outcome.FAILED
            report["errors"] = [
                ["", "", gettext("The import never finished, so nothing was written.")]
            ]
        elif outcome == self.Outcome.PREVIEWED:
            outcome = self.Outcome.EXPIRED
        return self._move(
            {"pending_token": self.pending_token},
            pending_token="",
            report=report,
            outcome=outcome,
        )

    def _stop(self, outcome, message):
        self._write(
            outcome=outcome,
            finished_at=timezone.now(),
            report={
                "errors": [["", "", str(message)]],
                "unknown_columns": [],
                "file_description": "",
            },
        )

    def _report_without_rows(self):
        # Each row's outcome and each column's first values hold residents' details.
        kept = (self.report or {}).items()
        return {key: value for key, value in kept if key not in ("rows", "samples")}

    def _remove_file(self, token):
        if not token:
            return
        try:
            Pending.from_token(token, expires=False).remove()
        except BadToken:
            logger.warning("Import run %s kept a token that is not ours", self.pk)

    def _write(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        if self.pk is None:
            self.save()
        else:
            type(self).objects.filter(pk=self.pk).update(**fields)

    def _move(self, expected, **fields):
        """Write ``fields`` only if the row still holds ``expected``; say whether it did."""
        moved = type(self).objects.filter(pk=self.pk, **expected).update(**fields)
        if moved:
            for name, value in fields.items():
                setattr(self, name, value)
        return bool(moved)


class ImportedRecord(models.Model):
    """What each legacy row looked like when it was last imported.

    A re-import compares a row's fingerprint with this first, so the thousands of rows
    that have not changed since are reported unchanged without being parsed again.
    """

    resource = models.CharField(max_length=40)
    reference = models.CharField(max_length=60)
    fingerprint = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=200, blank=True, help_text=_("The record's name then."))
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "reference"], name="importers_one_record_per_reference"
            )
        ]

    def __str__(self):
        return f"{self.resource} {self.reference}"


class ColumnMapping(models.Model):
    """Which field each column of a legacy system's export fills, saved under a name
    ("Northgate export") and offered again for the next file with the same headers."""

    resource = models.CharField(_("records"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    header_signature = models.CharField(
        _("header signature"),
        max_length=64,
        db_index=True,
        help_text=_("The SHA-256 of the file's headers, in any order, case or spacing."),
    )
    mapping = models.JSONField(
        _("columns"),
        default=dict,
        help_text=_("Each header in the file and the field it fills, or blank if not imported."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["resource", "name"]
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "name"], name="importers_one_mapping_name_per_resource"
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def remember(cls, *, resource, name, headers, fields, user):
        """Save the officer's choices (a field or "" for each header) under ``name``,
        replacing what was saved under that name before. Returns (mapping, created)."""
        mapping = {}
        for header, field in zip(headers, fields, strict=True):
            if str(header).strip():
                mapping.setdefault(str(header).strip(), field)
        return cls.objects.update_or_create(
            resource=resource,
            name=name,
            defaults={
                "header_signature": header_signature(headers),
                "mapping": mapping,
                "created_by": user if getattr(user, "pk", None) else None,
                "created_at": timezone.now(),
            },
        )

    @classmethod
    def for_headers(cls, resource, headers):
        """The newest mapping saved for files of ``resource`` with these headers, or None."""
        return (
            cls.objects.filter(resource=resource, header_signature=header_signature(headers))
            .order_by("-created_at", "-pk")
            .first()
        )


def storable(value):
    """``value`` with every NUL character in its text shown as "\ufffd": a file's cells are
    kept as the officer's preview, and PostgreSQL's JSON cannot hold a NUL (the reader has
    already reported it on its line and column)."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {key: storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value
