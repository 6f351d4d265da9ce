"""Site-wide search for the demo host, using Wagtail's search backend."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

from involvement_pages.text import search_terms, search_words


def search(request):
    query = search_words(request.GET.get("q", ""))
    terms = search_terms(query)
    results = (
        Page.objects.live().public().specific().search(terms) if terms else Page.objects.none()
    )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(request, "search.html", {"search_query": query, "page_obj": page})
