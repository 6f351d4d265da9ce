"""The calendar of involvement: upcoming events, a month, a printable year, and feeds."""

from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from involvement_pages import page_cache
from involvement_pages.blocks import BodyBlock
from involvement_pages.filters import FilterSet
from involvement_pages.links import absolute_url
from involvement_pages.models import page_link
from involvement_pages.page_cache import CachedPageMixin

from .. import caching, feed_contents, feeds, structured_data
from .. import listings as calendar_views
from .events import EventPage

VIEWS = {"list": "", "month": "month/", "year": "year/"}
YEAR_MONTHS_TEMPLATE = "involvement_calendar/includes/calendar_year_months.html"


def _year_context(events, params, today, url):
    """The year's context with its tables rendered, the slow part, ready to be cached."""
    context = calendar_views.year_context(events, params, today, url)
    context["months_html"] = render_to_string(YEAR_MONTHS_TEMPLATE, context)
    del context["months"]  # in the tables now; kept, it would only make the copy bigger
    return context


class CalendarPage(CachedPageMixin, RoutablePageMixin, Page):
    """Every meeting, forum, roadshow, course, inspection and open day, with filters."""

    page_ptr = page_link("involvement_calendar_page")

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = StreamField(
        BodyBlock(), verbose_name=_("body"), blank=True, help_text=_("Shown under the calendar.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["involvement_calendar.EventPage"]

    def events(self):
        """Events a resident can see: live, public, and in this calendar."""
        return page_cache.public(EventPage.objects.child_of(self).live())

    def next_dates_of(self, opportunity, request, limit):
        """The next ``limit`` dates of this calendar's events that belong to ``opportunity``."""
        events = self.events().filter(opportunity=opportunity)
        return calendar_views.next_dates(events, self.get_url(request), limit)

    def _render(self, request, view, build, cached_by=None):
        """The view's page; with ``cached_by`` (the address's date key), ``build``'s context
        comes from the cache when the same choices were asked for since the last change.
        Searches are not kept: each is its own and would only crowd the cache."""
        events = self.events()
        filters = FilterSet(calendar_views.event_filters(events), request.GET)
        today = calendar_views.local_today()
        url = self.get_url(request)
        selected = filters.filter(events)
        if cached_by and not filters.query:
            parts = (self.pk, url, filters.querystring(), request.GET.get(cached_by, ""), today)
            context = caching.cached(view, parts, lambda: build(selected, request.GET, today, url))
        else:
            context = build(selected, request.GET, today, url)
        kept = context.pop("kept", [])
        next_after = context.get("next_after")
        if next_after:
            # The link is built here so the sentence translators see holds no query string.
            month = f"{next_after.day:%Y-%m}"
            context["next_after_url"] = f"{url}{VIEWS['month']}?{filters.querystring(month=month)}"
        return self.render(
            request,
            context_overrides={
                **context,
                "view": view,
                "view_url": url + VIEWS[view],
                "list_url": url,
                "month_url": url + VIEWS["month"],
                "year_url": url + VIEWS["year"],
                "view_hidden": kept,
                "pagination_query": filters.querystring(**dict(kept)),
                "filters": filters,
                "today": today,
                "feed_links": self._feed_links(request, url, filters),
            },
        )

    @path("", name="list")
    def upcoming(self, request):
        return self._render(request, "list", calendar_views.list_context)

    @path("month/", name="month")
    def month(self, request):
        return self._render(request, "month", calendar_views.month_context)

    @path("year/", name="year")
    def year(self, request):
        return self._render(request, "year", _year_context, cached_by="year")

    @path("feed/", name="feed")
    def feed(self, request):
        """The iCalendar feed of this calendar, or of the view a resident filtered."""
        events = self.events()
        filters = FilterSet(calendar_views.event_filters(events), request.GET)
        first, last = feed_contents.feed_window(request.GET, calendar_views.local_today())
        base_url = absolute_url(self, request)
        host = feeds.uid_host(request)
        name = self.title
        if site_name := self.site_name(request):
            name = f"{site_name}: {name}"
        if filters.active:
            name = gettext("%(name)s (your choices)") % {"name": name}

        def build():
            dates, series = feed_contents.feed_contents(
                filters.filter(events), first, last, base_url
            )
            return feeds.render(
                name=name, description=self.intro, items=dates, host=host, series=series
            )

        if filters.query:  # each search is its own: kept, they would only crowd the cache
            body = build()
        else:
            parts = (self.pk, base_url, host, name, filters.querystring(), first, last)
            body = caching.cached("feed", parts, build)
        return feeds.calendar_response(body, filename=f"{self.slug}.ics")

    def _feed_links(self, request, url, filters):
        query = filters.querystring()
        https = request.build_absolute_uri(url + "feed/") + (f"?{query}" if query else "")
        return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}

    def site_name(self, request):
        return structured_data.site_name(Site.find_for_request(request))
