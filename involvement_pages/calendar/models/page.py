"""The calendar of involvement: upcoming events, a month, a printable year, and feeds."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from involvement_pages.blocks import BodyBlock
from involvement_pages.filters import FilterSet
from involvement_pages.links import absolute_url
from involvement_pages.models import page_link

from .. import feeds, structured_data
from .. import listings as calendar_views
from .events import EventPage

VIEWS = {"list": "", "month": "month/", "year": "year/"}


class CalendarPage(RoutablePageMixin, Page):
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
        return EventPage.objects.child_of(self).live().public()

    def next_dates_of(self, opportunity, request, limit):
        """The next ``limit`` dates of this calendar's events that belong to ``opportunity``."""
        events = self.events().filter(opportunity=opportunity)
        return calendar_views.next_dates(events, self.get_url(request), limit)

    def _render(self, request, view, build):
        events = self.events()
        filters = FilterSet(calendar_views.event_filters(events), request.GET)
        today = calendar_views.local_today()
        url = self.get_url(request)
        context = build(filters.filter(events), request.GET, today, url)
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
        return self._render(request, "year", calendar_views.year_context)

    @path("feed/", name="feed")
    def feed(self, request):
        """The iCalendar feed of this calendar, or of the view a resident filtered."""
        events = self.events()
        filters = FilterSet(calendar_views.event_filters(events), request.GET)
        first, last = calendar_views.feed_window(request.GET, calendar_views.local_today())
        dates = calendar_views.feed_dates(
            filters.filter(events), first, last, absolute_url(self, request)
        )
        name = self.title
        if site_name := self.site_name(request):
            name = f"{site_name}: {name}"
        return feeds.calendar_response(
            name=gettext("%(name)s (your choices)") % {"name": name} if filters.active else name,
            description=self.intro,
            items=[(date.event, date) for date in dates],
            host=feeds.uid_host(request),
            filename=f"{self.slug}.ics",
        )

    def _feed_links(self, request, url, filters):
        query = filters.querystring()
        https = request.build_absolute_uri(url + "feed/") + (f"?{query}" if query else "")
        return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}

    def site_name(self, request):
        return structured_data.site_name(Site.find_for_request(request))
