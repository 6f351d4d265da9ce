"""What the panels add to a person's page and to "involved": seats held and meetings attended.

Registered in ``wagtail_hooks.py`` under the hooks ``forms/involvement.py`` describes.
"""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Meeting, Membership, Panel


def involved_in_panels(start, end):
    """Q on Person: came to a panel meeting, or held a seat for a day of ``start``-``end``."""
    came = Meeting.attendees.through.objects.filter(
        person=OuterRef("pk"), meeting__date__range=(start, end)
    )
    seat = Membership.objects.filter(person=OuterRef("pk")).overlapping(start, end)
    return Q(Exists(came)) | Q(Exists(seat))


def memberships_section(person, request):
    memberships = list(person.panel_memberships.select_related("panel").order_by("-start_date"))
    if not memberships:
        return None
    today = timezone.localdate()
    inspect = Panel.snippet_viewset.get_url_name("inspect")
    return {
        "title": _("Panels and groups"),
        "template": "involvement_panels/admin/history/memberships.html",
        "context": {
            "memberships": [
                (m, m.is_current(today), reverse(inspect, args=[m.panel_id])) for m in memberships
            ],
        },
    }


def meetings_section(person, request):
    meetings = list(person.panel_meetings.select_related("panel").order_by("-date", "pk"))
    if not meetings:
        return None
    return {
        "title": _("Panel meetings attended"),
        "template": "involvement_panels/admin/history/meetings.html",
        "context": {"meetings": meetings},
    }
