"""The demo host's own page: a landlord's front door to involvement."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from involvement_pages import page_cache
from involvement_pages.blocks import BodyBlock
from involvement_pages.page_cache import CachedPageMixin


class HomePage(CachedPageMixin, Page):
    """The landlord's front door to involvement: why take part and where to start."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = page_cache.public(self.get_children().live()).in_menu()
        return context
