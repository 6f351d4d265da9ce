"""The public "You said, we did" page: published outcomes, newest first, and one per address."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from involvement_pages.blocks import BodyBlock
from involvement_pages.filters import FilterSet
from involvement_pages.models import page_link
from involvement_pages.page_cache import CachedPageMixin
from involvement_pages.sitemaps import with_subpages
from involvement_pages.years import year_of

from ..filters import outcome_filters
from .outcomes import Outcome, counts_by_year

OUTCOMES_PAGE_SIZE = 20
# The largest key a database column holds: a longer number in the address is no outcome.
LARGEST_KEY = 2**63 - 1


def _moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class YouSaidWeDidPage(CachedPageMixin, RoutablePageMixin, Page):
    """What residents asked for and what changed, with the number of changes each year."""

    page_ptr = page_link("involvement_you_said_we_did_page")

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Shown under the list of changes."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("'You said, we did' page")

    def get_sitemap_urls(self, request=None):
        """The page, then each published change's own page, so search engines find them."""
        urls = super().get_sitemap_urls(request)
        # A moment, as every page's lastmod is: the sitemap compares them all.
        changes = Outcome.objects.published().values_list("pk", "date")
        return with_subpages(self, urls, "outcome", ((pk, _moment(day)) for pk, day in changes))

    def outcome_url(self, base_url, outcome):
        return base_url + self.reverse_subpage("outcome", args=[outcome.pk])

    @path("", name="list")
    def outcome_list(self, request):
        filters = FilterSet(outcome_filters(), request.GET)
        selected = filters.filter(Outcome.objects.published())
        page = Paginator(selected.for_listing(), OUTCOMES_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        base_url = self.get_url(request)
        outcomes = list(page.object_list)
        for outcome in outcomes:
            outcome.detail_url = self.outcome_url(base_url, outcome)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "page_obj": page,
                "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
                "outcomes": outcomes,
                "year_counts": counts_by_year(selected),
                "this_year": year_of(timezone.localdate()),
                "list_url": base_url,
            },
        )

    @path("<int:pk>/", name="outcome")
    def outcome_detail(self, request, pk):
        if pk > LARGEST_KEY:
            raise Http404
        outcome = Outcome.objects.published().for_listing().filter(pk=pk).first()
        if outcome is None:
            raise Http404
        return self.render(
            request,
            template="involvement_outcomes/outcome.html",
            context_overrides={"outcome": outcome, "list_url": self.get_url(request)},
        )
