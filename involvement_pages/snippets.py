"""Editor-managed lists that describe opportunities, shared by the menu and the calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SluggedSnippet(index.Indexed, models.Model):
    """A named entry with a stable slug used in filter URLs and demo data."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Short name used in web addresses, for example 'childcare'."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Landlord(SluggedSnippet):
    """A landlord in the group (a group may have several partner landlords)."""

    class Meta(SluggedSnippet.Meta):
        pass


class Area(SluggedSnippet):
    """An area or neighbourhood an opportunity, event or panel covers."""

    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
    )

    panels = [*SluggedSnippet.panels, FieldPanel("landlord")]

    class Meta(SluggedSnippet.Meta):
        pass


class ServiceArea(SluggedSnippet):
    """A service residents can influence: repairs, empty homes, rent, estate management..."""

    description = models.TextField(_("description"), blank=True)

    panels = [*SluggedSnippet.panels, FieldPanel("description")]

    class Meta(SluggedSnippet.Meta):
        pass


class SupportOption(SluggedSnippet):
    """Help offered so that no resident is out of pocket or left out (travel, childcare...)."""

    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the resident gets, for example 'Paid at 40p a mile'."),
    )

    panels = [*SluggedSnippet.panels, FieldPanel("description")]

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("support option")


class Audience(SluggedSnippet):
    """Who can take part: tenants, leaseholders, young people aged 10 to 24..."""

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("who can take part")
        verbose_name_plural = _("who can take part")


class ParticipationFormat(SluggedSnippet):
    """How a resident takes part: in person, online, by phone, by post or by text."""

    class Meta(SluggedSnippet.Meta):
        verbose_name = _("format")
