"""Involved people broken down: by the highest rung of the ladder they reached, and by area.

A person counts once, at the highest level of anything they did in the year: a panel they
sat on or came to, or an opportunity (or an event of one) they signed up for and came to.
Involvement the ladder cannot place (a sign-up form no opportunity links to, say) is
counted as "level not recorded", so the rows always add up to the people involved.
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext

from forms.models import SignUp
from involvement_pages.calendar.models import EventPage
from involvement_pages.choices import Level
from involvement_pages.models import OpportunityPage
from involvement_pages.panels.models import Meeting, Membership, Panel

from .figures import people

#: The ladder's rungs as numbers, lowest first, so the database can take the highest.
RUNGS = {level: n for n, level in enumerate(Level.values, start=1)}
#: The "rung" of someone with no record at all in the span.
NOT_INVOLVED = -1


def rung(field, levels):
    """The rung of the row whose ``field`` (a key) maps to a level in ``levels``, or 0.

    The few pages and panels are read first, so each person's rows are looked at with a
    plain CASE rather than a subquery per row."""
    by_rung = {}
    for key, level in levels:
        if level in RUNGS:
            by_rung.setdefault(RUNGS[level], set()).add(key)
    whens = [
        When(**{f"{field}__in": sorted(keys)}, then=Value(n))
        for n, keys in sorted(by_rung.items(), reverse=True)
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField()) if whens else Value(0)


def highest(rows, expression):
    """The highest rung among ``rows`` (a queryset correlated to a Person), or NOT_INVOLVED
    when there are none."""
    ranked = rows.annotate(rung=expression).order_by("-rung").values("rung")[:1]
    return Coalesce(Subquery(ranked, output_field=IntegerField()), Value(NOT_INVOLVED))


def highest_rung(start, end):
    """A database expression on Person: the highest rung reached between the dates."""
    pages = [
        *OpportunityPage.objects.filter(sign_up_page__isnull=False).values_list(
            "sign_up_page_id", "level"
        ),
        *EventPage.objects.filter(sign_up_page__isnull=False).values_list(
            "sign_up_page_id", "opportunity__level"
        ),
    ]
    panels = list(Panel.objects.values_list("pk", "level"))
    signed = SignUp.objects.filter(person=OuterRef("pk"), attended_on__range=(start, end))
    seats = Membership.objects.filter(person=OuterRef("pk")).overlapping(start, end)
    came = Meeting.attendees.through.objects.filter(
        person=OuterRef("pk"), meeting__date__range=(start, end)
    )
    return Greatest(
        highest(signed, rung("page_id", pages)),
        highest(seats, rung("panel_id", panels)),
        highest(came, rung("meeting__panel_id", panels)),
    )


def involved_breakdown(year, landlord=None):
    """[(area name or None, rung, people)] for everyone on the register: one query for
    both tables and the count of people involved.

    The rung is NOT_INVOLVED for people with no record in the year. Reading involvement
    from the rungs, rather than filtering on ``involved_between`` as well, halves the work
    per person; the records looked at are the same ones ``involved_between`` reads (sign-ups
    attended, panel seats and meetings), which the tests hold to the same count.
    """
    return list(
        people(landlord)
        .annotate(reached=highest_rung(year.start, year.end))
        .order_by()
        .values_list("area__name", "reached")
        .annotate(n=Count("pk"))
    )


def involved_count(breakdown):
    return sum(n for _area, reached, n in breakdown if reached != NOT_INVOLVED)


def involved_rows(year, landlord, breakdown):
    rows = involved_breakdown(year, landlord) if breakdown is None else breakdown
    return [row for row in rows if row[1] != NOT_INVOLVED]


def people_by_level(year, landlord=None, breakdown=None):
    """[(level label, people)], ladder order from the top, then "level not recorded"."""
    counts = {}
    for _area, reached, n in involved_rows(year, landlord, breakdown):
        counts[reached] = counts.get(reached, 0) + n
    rows = [(Level(level).label, counts.get(n, 0)) for level, n in reversed(RUNGS.items())]
    if counts.get(0):
        rows.append((gettext("Level not recorded"), counts[0]))
    return rows


def people_by_area(year, landlord=None, breakdown=None):
    """[(area name, people involved)], most first; people with no area last."""
    counts = {}
    for area, _reached, n in involved_rows(year, landlord, breakdown):
        counts[area] = counts.get(area, 0) + n
    unknown = counts.pop(None, 0) + counts.pop("", 0)
    named = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    return named + ([(gettext("Area not recorded"), unknown)] if unknown else [])
