"""The consent statement residents agree to before we keep their equality answers.

Communications staff own its wording. Each answer records the version it was given under,
so a new wording must come with a new version: the setting refuses one without the other.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import register_setting

from involvement_pages.site_settings import InvolvementSiteSetting

DEFAULT_VERSION = "equality-consent-2027-01"
DEFAULT_TEXT = (
    "I agree that you can keep my answers to these questions to check that involvement is "
    "open to everyone. Only a small team can see them, they are kept apart from my other "
    "details, and I can ask you to delete them at any time."
)


@register_setting(icon="clipboard-list")
class EqualityConsent(InvolvementSiteSetting):
    """The wording of the equality monitoring consent, and its version, for one site."""

    text = models.TextField(
        _("consent statement"),
        default=DEFAULT_TEXT,
        help_text=_("Residents tick this before we keep their answers to the equality questions."),
    )
    version = models.CharField(
        _("version"),
        max_length=40,
        default=DEFAULT_VERSION,
        help_text=_(
            "Give every new wording a new version, for example equality-consent-2028-01. "
            "Each resident's answers record the version they agreed to."
        ),
    )

    class Meta:
        verbose_name = _("equality consent")
        verbose_name_plural = _("equality consent")

    def clean(self):
        super().clean()
        saved = type(self).objects.filter(pk=self.pk).values_list("text", "version").first()
        if saved and saved[0] != self.text and saved[1] == self.version:
            raise ValidationError(
                {
                    "version": _(
                        "You changed the wording, so give it a new version. Answers already "
                        "given keep the version their residents agreed to."
                    )
                }
            )
