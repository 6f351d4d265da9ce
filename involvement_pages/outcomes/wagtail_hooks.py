from django.db.models import Q
from django.template.loader import render_to_string

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from involvement_pages.models import OPPORTUNITY_EXTRAS_HOOK

from .models import Outcome, outcomes_page
from .viewsets import OutcomeViewSet

register_snippet(OutcomeViewSet)

# --- Links from where residents took part to what changed (issue 15, reports) --------------

CHANGES_SHOWN = 5


@hooks.register(OPPORTUNITY_EXTRAS_HOOK)
def changes_made(opportunity, request):
    """The latest changes made by this way of getting involved, or by the groups whose
    page it is, each linking to its own page: the group's decisions, told where residents
    read about the group."""
    found = Outcome.objects.published().filter(
        Q(opportunity=opportunity) | Q(panel__opportunity=opportunity)
    )
    changes = list(found[:CHANGES_SHOWN])
    if not changes:
        return ""
    index_page = outcomes_page()
    for change in changes:
        change.public_link = change.public_url(index_page)
    more_url = index_page.get_url(request) if index_page else ""
    return render_to_string(
        "involvement_outcomes/includes/opportunity_changes.html",
        {"changes": changes, "more_url": more_url},
        request=request,
    )
