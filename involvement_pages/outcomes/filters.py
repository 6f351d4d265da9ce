"""The "You said, we did" page's filters: the menu's own filter set, on outcomes.

Only services and groups that some published outcome names are offered, so no choice
leads to an empty list; a value the page does not offer is ignored, as on the menu.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from involvement_pages.filters import Filter
from involvement_pages.panels.models import Panel
from involvement_pages.snippets import ServiceArea

from .models.outcomes import Outcome


@dataclass
class UsedFilter(Filter):
    """Options limited to rows that published outcomes point at through ``lookup``."""

    used: Callable | None = None

    def options_query(self):
        return super().options_query().filter(pk__in=self.used())


def _used_by_published(field):
    return lambda: Outcome.objects.published().order_by().values(field)


def outcome_filters():
    return [
        UsedFilter(
            "service",
            _("Service"),
            "service_area",
            snippet=ServiceArea,
            used=_used_by_published("service_area"),
        ),
        UsedFilter(
            "group",
            _("Group"),
            "panel",
            snippet=Panel,
            hint=_("The panel, forum or residents' association that asked for the change."),
            used=_used_by_published("panel"),
        ),
    ]
