"""Page models: the menu of involvement and one page per opportunity."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import page_cache
from .blocks import BodyBlock
from .choices import LEVEL_DESCRIPTIONS, Commitment, Level, OpportunityStatus, Tier
from .filters import FilterSet, opportunity_filters
from .page_cache import CachedPageMixin
from .site_settings import ContactDetails  # noqa: F401  (a model: Django finds it here)
from .snippets import Area, Audience, ParticipationFormat, ServiceArea, SupportOption

MENU_PAGE_SIZE = 25


def page_link(related_name):
    """The link from a page type to Wagtail's Page, under a name no host model can clash
    with: every `wagtail start` site has its own HomePage, and may have an EventPage."""
    return models.OneToOneField(
        Page, on_delete=models.CASCADE, parent_link=True, related_name=related_name
    )


class InvolvementMenuPage(CachedPageMixin, Page):
    """The menu of involvement: every way to get involved, grouped by level, with filters."""

    page_ptr = page_link("involvement_menu_page")

    intro = models.TextField(_("intro"), blank=True)
    body = StreamField(
        BodyBlock(), verbose_name=_("body"), blank=True, help_text=_("Shown under the list.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = [
        "involvement_pages.OpportunityPage",
        "involvement_forms.RegisterFormPage",
        "involvement_forms.SignUpFormPage",
    ]

    def opportunities(self):
        """Opportunities a resident can see in the menu: live, public, not closed."""
        return page_cache.public(OpportunityPage.objects.child_of(self).live()).exclude(
            status=OpportunityStatus.CLOSED
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = FilterSet(opportunity_filters(), request.GET)
        results = filters.filter(self.opportunities())
        listing = OpportunityPage.with_card_data(order_by_level(results))
        page = Paginator(listing, MENU_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            filters=filters,
            page_obj=page,
            page_numbers=page.paginator.get_elided_page_range(page.number, on_ends=1),
            level_groups=group_by_level(page.object_list),
        )
        return context


def order_by_level(opportunities):
    """Lowest rung of the ladder first, then by title, so groups stay whole across pages."""
    rung = Case(
        *(When(level=level, then=Value(i)) for i, level in enumerate(Level.values)),
        output_field=IntegerField(),
    )
    return opportunities.annotate(rung=rung).order_by("rung", "title", "pk")


def group_by_level(opportunities):
    """[(level, label, description, [opportunity, ...]), ...] in ladder order."""
    groups = {}
    for opportunity in opportunities:
        groups.setdefault(opportunity.level, []).append(opportunity)
    return [
        (level, Level(level).label, LEVEL_DESCRIPTIONS[level], groups[level])
        for level in Level.values
        if level in groups
    ]


# Apps that add a section to every opportunity page register a function under this hook:
# it takes (opportunity, request) and returns HTML to show after the summary, or "".
OPPORTUNITY_EXTRAS_HOOK = "involvement_opportunity_extras"

# An app that keeps the involvement register registers a function under this hook: it takes
# the request (or None) and returns the live page residents join the register with, or
# None. The home page, the menu and opportunities with no form of their own link to it.
# The answer is remembered for each site and language until a page or snippet changes
# (page_cache.remembered), so it must not depend on anything else in the request.
JOIN_REGISTER_HOOK = "involvement_join_register_page"


class OpportunityPage(CachedPageMixin, Page):
    """One way to get involved: what it asks of you, what support comes with it, how to join."""

    page_ptr = page_link("involvement_opportunity_page")

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences shown in the menu.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices, db_index=True)
    tier = models.CharField(
        _("tier"),
        max_length=20,
        choices=Tier.choices,
        db_index=True,
        help_text=_("Strategic, operational or local, as in the Involvement Pyramid."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.OPEN,
        db_index=True,
    )
    commitment = models.CharField(
        _("kind of commitment"), max_length=20, choices=Commitment.choices, db_index=True
    )
    time_commitment = models.CharField(
        _("time commitment"),
        max_length=120,
        blank=True,
        help_text=_("In residents' words, for example '3-4 days a month'."),
    )
    service_areas = ParentalManyToManyField(
        ServiceArea, verbose_name=_("service areas"), blank=True, related_name="+"
    )
    all_areas = models.BooleanField(
        _("open in all areas"), default=True, help_text=_("Untick to choose particular areas.")
    )
    areas = ParentalManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="+")
    audiences = ParentalManyToManyField(
        Audience, blank=True, related_name="+", verbose_name=_("who can take part")
    )
    formats = ParentalManyToManyField(
        ParticipationFormat, verbose_name=_("formats"), blank=True, related_name="+"
    )
    support = ParentalManyToManyField(
        SupportOption, blank=True, related_name="+", verbose_name=_("support offered")
    )
    skills_and_training = models.TextField(_("skills and training offered"), blank=True)
    how_to_join = RichTextField(_("how to join"), features=["bold", "link", "ul"], blank=True)
    sign_up_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sign up page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The form residents fill in to join, if there is one."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("tier")], heading=_("Level of involvement")
        ),
        MultiFieldPanel(
            [FieldPanel("commitment"), FieldPanel("time_commitment")], heading=_("Time it takes")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("service_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("all_areas"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("formats", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who, where and how"),
        ),
        FieldPanel("support", widget=forms.CheckboxSelectMultiple),
        FieldPanel("skills_and_training"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_join"),
                FieldPanel("sign_up_page"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("How to join"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("time_commitment"),
        index.SearchField("skills_and_training"),
        index.RelatedFields("support", [index.SearchField("name")]),
        index.RelatedFields("service_areas", [index.SearchField("name")]),
        index.FilterField("level"),
        index.FilterField("tier"),
        index.FilterField("status"),
    ]
    parent_page_types = ["involvement_pages.InvolvementMenuPage"]
    subpage_types = []

    @staticmethod
    def with_card_data(opportunities):
        """Fetch what a menu card shows in a fixed number of queries."""
        return opportunities.prefetch_related("formats", "support")

    @cached_property
    def area_names(self):
        return (
            gettext("All areas") if self.all_areas else ", ".join(a.name for a in self.areas.all())
        )

    def get_context(self, request, *args, **kwargs):
        """Besides the page, what other apps add to it (the calendar: its next dates), each
        as rendered HTML, so this app needs to know nothing of them."""
        context = super().get_context(request, *args, **kwargs)
        context["page_extras"] = [
            extra
            for hook in hooks.get_hooks(OPPORTUNITY_EXTRAS_HOOK)
            if (extra := hook(self, request))
        ]
        return context
