"""A record of each resident told that an outcome they took part in was published.

One row per outcome and address, so publishing an outcome again, or saving it while it is
published, never sends anyone the same news twice. The address itself is not kept: only a
digest that matches it, as the record must not become another list of residents' emails.
"""

from hashlib import sha256

from django.db import models
from django.utils.translation import gettext_lazy as _

from .outcomes import Outcome


def address_key(address):
    return sha256(address.strip().lower().encode()).hexdigest()


class OutcomeNotice(models.Model):
    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="notices"
    )
    address_key = models.CharField(_("address digest"), max_length=64, editable=False)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outcome email sent")
        verbose_name_plural = _("outcome emails sent")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "address_key"], name="involvement_outcome_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.outcome} ({self.sent_at:%Y-%m-%d})"
