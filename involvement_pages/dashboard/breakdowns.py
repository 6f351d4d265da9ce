"""Involved people broken down: by the highest rung of the ladder they reached, and by area.

A person counts once, at the highest level of anything they did in the year: a panel they
sat on or came to, or an opportunity (or an event of one) they signed up for and came to.
Involvement the ladder cannot place (a sign-up form no opportunity links to, say) is
counted as "level not recorded", so the rows always add up to the people involved.
"""

from django.db import connection
from django.db.models import Case, CharField, F, IntegerField, Value, When
from django.utils.translation import gettext

from forms.models import SignUp
from involvement_pages.calendar.models import EventPage
from involvement_pages.choices import Level
from involvement_pages.models import OpportunityPage
from involvement_pages.panels.models import Meeting, Membership, Panel

from .figures import people

#: The ladder's rungs as numbers, lowest first, so the database can take the highest.
RUNGS = {level: n for n, level in enumerate(Level.values, start=1)}


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


def _tagged(queryset, kind, key, level):
    return (
        queryset.order_by()
        .annotate(
            record_kind=Value(kind, output_field=CharField()),
            record_key=F(key),
            record_level=F(level),
        )
        .values_list("record_kind", "record_key", "record_level")
    )


def levels_of_records():
    """([(sign-up form page id, level)], [(panel id, level)]) in one query: the level each
    sign-up form (through its opportunity or event) and each panel stands at."""
    rows = _tagged(
        OpportunityPage.objects.filter(sign_up_page__isnull=False),
        "page",
        "sign_up_page_id",
        "level",
    ).union(
        _tagged(
            EventPage.objects.filter(sign_up_page__isnull=False),
            "page",
            "sign_up_page_id",
            "opportunity__level",
        ),
        _tagged(Panel.objects.all(), "panel", "pk", "level"),
        all=True,
    )
    found = {"page": [], "panel": []}
    for kind, key, level in rows:
        found[kind].append((key, level))
    return found["page"], found["panel"]


def rung_records(start, end):
    """(sql, params): one row a record of involvement between the dates, with the person
    (``who``) and the rung it stands on. The records are the ones ``involved_between`` reads:
    sign-ups attended, panel seats held and panel meetings come to."""
    pages, panels = levels_of_records()
    signed = SignUp.objects.filter(attended_on__range=(start, end)).annotate(
        rung=rung("page_id", pages)
    )
    seats = Membership.objects.overlapping(start, end).annotate(rung=rung("panel_id", panels))
    came = Meeting.attendees.through.objects.filter(meeting__date__range=(start, end)).annotate(
        rung=rung("meeting__panel_id", panels)
    )
    parts = [
        rows.annotate(who=F("person_id")).order_by().values_list("who", "rung")
        for rows in (signed, seats, came)
    ]
    return parts[0].union(*parts[1:], all=True).query.sql_with_params()


def involved_breakdown(year, landlord=None):
    """[(area name or None, rung, people)] for the people involved in the year, in one query
    for both tables and the count of people involved.

    The records are grouped by person once, set against set: a subquery for each person
    took ten times as long on PostgreSQL. Django writes each part; only the joining of the
    parts is written here.
    """
    records, record_params = rung_records(year.start, year.end)
    registered = (
        people(landlord)
        .annotate(who=F("pk"), area_name=F("area__name"))
        .order_by()
        .values_list("who", "area_name")
    )
    people_sql, people_params = registered.query.sql_with_params()
    sql = (
        f"SELECT p.area_name, best.rung, COUNT(*) FROM ({people_sql}) p "
        f"INNER JOIN (SELECT r.who, MAX(r.rung) AS rung FROM ({records}) r GROUP BY r.who) best "
        "ON best.who = p.who GROUP BY p.area_name, best.rung"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*people_params, *record_params))
        return [tuple(row) for row in cursor.fetchall()]


def involved_count(breakdown):
    return sum(n for _area, _reached, n in breakdown)


def involved_rows(year, landlord, breakdown):
    return involved_breakdown(year, landlord) if breakdown is None else breakdown


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
