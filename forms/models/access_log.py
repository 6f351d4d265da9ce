"""Who viewed or exported a resident's data: log entries only administrators can read.

Wagtail's site history report shows each log entry to anyone with a permission on the
record's model, so entries about people would reach every involvement officer, and entries
about equality answers the Equality data group. Knowing who looked at whom is itself
personal data about staff and residents; it is for administrators (superusers), who answer
a data protection question. A log entry model of our own carries that rule in
``viewable_by_user``, and Wagtail's reports read it like their own (forms/audit.py
registers it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager


class AccessLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        if user.is_active and user.is_superuser:
            return self.all()
        return self.none()


class AccessLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = AccessLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        # Named here, not only inherited: Wagtail 8's log entries have this index and
        # Wagtail 7's do not, and the table must be the same on both.
        indexes = [
            models.Index(
                fields=["uuid", "action", "-timestamp"], name="involvement_uuid_655c88_idx"
            )
        ]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self):
        return f"AccessLogEntry {self.pk}: '{self.action}' on {self.object_id}"
