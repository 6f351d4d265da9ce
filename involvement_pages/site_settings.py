"""What communications staff own for each site: how residents reach the involvement team.

The footer, the printed leaflets and every email show these details, so a new phone number
is changed once, in Settings, without a developer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


class InvolvementSiteSetting(BaseSiteSetting):
    """A site setting of this plugin's, read for the site a page belongs to."""

    # A reverse name of our own: a host may have a setting of the same name on Site.
    site = models.OneToOneField(
        Site, unique=True, db_index=True, editable=False, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    @classmethod
    def for_page(cls, page):
        """The setting for the site ``page`` belongs to; the defaults for a page outside one."""
        site = page.get_site() if page is not None else None
        # Read, not get_or_create: sending an email or showing a form should not write a row.
        found = cls.objects.filter(site=site).first() if site is not None else None
        return found or cls(site=site)


@register_setting(icon="mail")
class ContactDetails(InvolvementSiteSetting):
    """The involvement team's contact details, one set per site."""

    team_name = models.CharField(
        _("team name"),
        max_length=100,
        blank=True,
        help_text=_("For example 'Customer Involvement Team'."),
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Put each line of the address on its own line."),
    )
    opening_hours = models.CharField(
        _("when to call or visit"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Monday to Friday, 8am to 6pm'."),
    )

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def given(self):
        """Whether any way to reach the team is filled in."""
        return any((self.phone, self.email, self.postal_address.strip()))

    def address_lines(self):
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]
