"""Involved people broken down: by the highest rung of the ladder they reached, and by area.

A person counts once, at the highest level of anything they did in the year: a panel they
sat on or came to, or an opportunity (or an event of one) they signed up for and came to.
Involvement the ladder cannot place (a sign-up form no opportunity links to, say) is
counted as "level not recorded", so the rows always add up to the people involved.
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext

from forms.involvement import involved_between
from forms.models import SignUp
from involvement_pages.calendar.models import EventPage
from involvement_pages.choices import Level
from involvement_pages.models import OpportunityPage
from involvement_pages.panels.models import Meeting, Membership

from .figures import people

#: The ladder's rungs as numbers, lowest first, so the database can take the highest.
RUNGS = {level: n for n, level in enumerate(Level.values, start=1)}


def rung(field):
    """The rung of the level in ``field`` (0 when there is none), as a database expression."""
    return Case(
        *(When(**{field: level}, then=Value(n)) for level, n in RUNGS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def highest(rows, field):
    """The highest rung among ``rows`` (a queryset correlated to a Person), or 0."""
    ranked = rows.annotate(rung=rung(field)).order_by("-rung").values("rung")[:1]
    return Coalesce(Subquery(ranked, output_field=IntegerField()), Value(0))


def highest_rung(start, end):
    """A database expression on Person: the highest rung reached between the dates."""
    opportunity = OpportunityPage.objects.filter(sign_up_page=OuterRef("page_id")).values("level")
    event = EventPage.objects.filter(sign_up_page=OuterRef("page_id")).values("opportunity__level")
    signed = SignUp.objects.filter(person=OuterRef("pk"), attended_on__range=(start, end)).annotate(
        level=Coalesce(Subquery(opportunity[:1]), Subquery(event[:1])),
    )
    seats = Membership.objects.filter(person=OuterRef("pk")).overlapping(start, end)
    came = Meeting.attendees.through.objects.filter(
        person=OuterRef("pk"), meeting__date__range=(start, end)
    )
    return Greatest(
        highest(signed, "level"),
        highest(seats, "panel__level"),
        highest(came, "meeting__panel__level"),
    )


def people_by_level(year, landlord=None):
    """[(level label, people)], ladder order from the top, then "level not recorded"."""
    counts = dict(
        people(landlord)
        .filter(involved_between(year.start, year.end))
        .annotate(reached=highest_rung(year.start, year.end))
        .order_by()
        .values_list("reached")
        .annotate(n=Count("pk"))
    )
    rows = [(Level(level).label, counts.get(n, 0)) for level, n in reversed(RUNGS.items())]
    if counts.get(0):
        rows.append((gettext("Level not recorded"), counts[0]))
    return rows


def people_by_area(year, landlord=None):
    """[(area name, people involved)], most first; people with no area last."""
    rows = (
        people(landlord)
        .filter(involved_between(year.start, year.end))
        .order_by()
        .values_list("area__name")
        .annotate(n=Count("pk"))
    )
    named = sorted(((name, n) for name, n in rows if name), key=lambda row: (-row[1], row[0]))
    unknown = sum(n for name, n in rows if not name)
    return named + ([(gettext("Area not recorded"), unknown)] if unknown else [])
