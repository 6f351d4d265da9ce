"""The public annual report: editors write the words, the figures come live from the records.

Only figures marked public on the dashboard appear, counts of people under five are shown
as words, and the representation scores never carry a breakdown: the page is for anyone,
so it is built as an anonymous visitor would see the dashboard, whoever is signed in.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from involvement_pages.blocks import BodyBlock
from involvement_pages.models import page_link
from involvement_pages.page_cache import RECORDS, CachedPageMixin, shows
from involvement_pages.snippets import Landlord
from involvement_pages.years import start_month, year_of

from .figures import dashboard_figures
from .report_values import figure_row
from .representativeness import representation_scores, scores_table


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        default=_("The year in numbers"),
        help_text=_("Shown above the figures. Leave empty for none."),
    )

    class Meta:
        icon = "table"
        label = _("Figures from the records")
        template = "involvement_dashboard/blocks/annual_report_figures.html"
        help_text = _("The year's figures, counted from the records when the page is read.")


class RepresentationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        default=_("How well involved residents reflect our customers"),
        help_text=_("Shown above the scores. Leave empty for none."),
    )

    class Meta:
        icon = "group"
        label = _("Representation scores")
        template = "involvement_dashboard/blocks/annual_report_representation.html"
        help_text = _("One score for each characteristic, never a breakdown of people.")


class AnnualReportBlock(BodyBlock):
    figures = FiguresBlock()
    representation = RepresentationBlock()


def public_figures(period, landlord=None):
    """[(label, value, target)] of the figures the dashboard allows in public, as words."""
    return [figure_row(figure) for figure in dashboard_figures(period, landlord) if figure.public]


def public_representation(period, landlord=None):
    """The representation scores as a table: ratios of rates, never counts, none under 25
    people involved, and none that would give away a group of fewer than 5."""
    scores = representation_scores(period, landlord)
    return [scores_table(scores)] if scores else []


class AnnualReportPage(CachedPageMixin, Page):
    """A year's report to residents on involvement, in the editors' words and live figures."""

    page_ptr = page_link("involvement_annual_report_page")

    year = models.PositiveSmallIntegerField(
        _("year starting"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The calendar year the financial year starts in: 2025 for 2025/26."),
    )
    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave blank for a report on the whole group."),
    )
    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = StreamField(
        AnnualReportBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "Your words, with 'Figures from the records' and 'Representation scores' "
            "placed where they belong. Without them, the figures are shown after your words."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("year"), FieldPanel("landlord")], heading=_("What it covers")),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("annual report")

    @property
    def period(self):
        return year_of(datetime.date(self.year, start_month(), 1))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shows(RECORDS)  # a kept copy is passed over when anyone joins, signs up or leaves
        period = self.period
        placed = {block.block_type for block in self.body}
        context.update(
            period=period,
            report_figures=public_figures(period, self.landlord),
            representation_tables=public_representation(period, self.landlord),
            figures_placed="figures" in placed,
            representation_placed="representation" in placed,
        )
        return context
