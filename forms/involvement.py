"""What counts as being involved, and a person's history, gathered from every app.

The records of involvement live in the apps that own them: sign-ups and who came (here),
panel memberships and meetings (panels), training (calendar), grant applications (grants).
Those apps sit above this one, so each contributes through a Wagtail hook:

``PERSON_HISTORY_HOOK`` ("involvement_person_history")
    Each function takes ``(person, request)`` and returns ``None`` (nothing to show) or a
    dict ``{"title": str, "template": str, "context": dict}``. The person's page in the
    register renders each section in the order the hooks run (``order=`` on registration).

``INVOLVED_HOOK`` ("involvement_person_involved")
    Each function takes ``(start, end)`` (dates, both included) and returns a ``Q`` on
    ``Person`` that is true for people with a record of involvement in that span.

The rule itself is here, in :func:`involved_between`: a person is involved in a span when
any app says so: they came to a signed-up event, came to a panel meeting, or held a
panel membership for at least one day of it.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail import hooks

from dateutil.relativedelta import relativedelta

from .models import SignUp

PERSON_HISTORY_HOOK = "involvement_person_history"
# The register's filter value for people with no record of involvement in twelve months;
# named here so the dashboard can link to that list without importing admin views.
NOT_INVOLVED_12_MONTHS = "not_12_months"
INVOLVED_HOOK = "involvement_person_involved"


def attended_sign_ups(start, end):
    """Q on Person: came to an event they signed up for between ``start`` and ``end``."""
    came = SignUp.objects.filter(person=OuterRef("pk"), attended_on__range=(start, end))
    return Q(Exists(came))


def involved_between(start, end):
    """Q on Person: any record of involvement between ``start`` and ``end``, both included."""
    condition = attended_sign_ups(start, end)
    for hook in hooks.get_hooks(INVOLVED_HOOK):
        condition |= hook(start, end)
    return condition


def last_twelve_months(today=None):
    """(start, end): the day twelve months ago to today, both counted."""
    today = today or timezone.localdate()
    return today - relativedelta(months=12), today


def this_year(today=None):
    """(start, end): 1 January of this calendar year to today."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), today


def person_history(person, request):
    """[{"title", "html"}]: each app's section of a person's page, in hook order.

    A section's template is rendered with its own context (and the request), so an app's
    template sees exactly what its hook returned."""
    sections = []
    for hook in hooks.get_hooks(PERSON_HISTORY_HOOK):
        section = hook(person, request)
        if section:
            html = render_to_string(section["template"], section.get("context", {}), request)
            sections.append({"title": section["title"], "html": html})
    return sections
