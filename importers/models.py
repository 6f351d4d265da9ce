"""The import history: who loaded which file, when, what it did, and its error report."""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Running"
        PREVIEWED = "previewed", "Previewed, nothing written"
        IMPORTED = "imported", "Imported"
        REFUSED = "refused", "Refused, nothing written"
        FAILED = "failed", "Failed, nothing written"
        CANCELLED = "cancelled", "Cancelled after preview, nothing written"
        EXPIRED = "expired", "Preview left more than a day, nothing written"

    resource = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=20, default="admin", help_text="admin or command line")
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    file_sha256 = models.CharField("file SHA-256", max_length=64)
    file_description = models.CharField(max_length=120, blank=True)
    dry_run = models.BooleanField(default=False)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    report = models.JSONField(default=dict, blank=True, help_text="File errors and row errors.")
    pending_token = models.TextField(
        blank=True,
        help_text="While an admin upload waits for its officer: the signed token naming the file.",
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "import"
        permissions = [("run_import", "Can import legacy records")]

    def __str__(self):
        return f"{self.file_name} ({self.get_outcome_display()})"

    @property
    def percent_done(self):
        return int(100 * self.rows_done / self.total_rows) if self.total_rows else 0


class ImportedRecord(models.Model):
    """What each legacy row looked like when it was last imported.

    A re-import compares a row's fingerprint with this first, so the thousands of rows
    that have not changed since are reported unchanged without being parsed again.
    """

    resource = models.CharField(max_length=40)
    reference = models.CharField(max_length=60)
    fingerprint = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=200, blank=True, help_text="The record's name then.")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "reference"], name="importers_one_record_per_reference"
            )
        ]

    def __str__(self):
        return f"{self.resource} {self.reference}"
