"""Involved people's equality profile set against the customer profile (Gateshead's PI.3).

For each characteristic the register asks about (age band, gender, ethnicity, disability,
sexual orientation, religion), people involved in the year are counted by their equality
answers and set beside the landlord's customers in each group. A group's *participation
rate* is the people involved from it divided by its customers; the *representation
score* is the lowest group's rate divided by the highest group's, so 1 means every group
takes part at the same rate and 0 means some group does not take part at all.

Only counts leave this module, never people, so no name ever sits beside an answer; and
every count shown goes through :mod:`.suppression` first.

Public, for the dashboard and the annual report:

- :func:`representativeness` (year, landlord=None) -> :class:`Representativeness`
- :func:`representation_scores` (year, landlord=None) -> [:class:`Score`]
- :func:`representation_score` (rows) -> Decimal or None
- :func:`representativeness_section` (request, year, landlord=None) -> Section or None
- :func:`can_see_breakdown` (user) -> bool
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forms.choices import PREFER_NOT_TO_SAY
from forms.involvement import involved_between
from forms.models import EqualityMonitoring, Person

from .profiles import GROUPS, Characteristic, CustomerProfile, group_label, group_value
from .suppression import (
    HIDDEN_NOTE,
    NOT_SHOWN,
    SHOWN,
    TOO_FEW_FOR_BREAKDOWN,
    breakdown_allowed,
    is_small,
    protect_column,
    protect_count,
    show,
)
from .tables import Section, Table

EQUALITY_PERMISSION = "involvement_forms.view_equalitymonitoring"
NOT_KNOWN = _("Not known")
PREFER_NOT = PREFER_NOT_TO_SAY[0]
HOW_THE_SCORE_WORKS = _(
    "How the score is worked out: for each group, the number of people involved is divided "
    "by the number of customers in that group, which gives the group's participation rate. "
    "The lowest group's rate is then divided by the highest group's. A score of 1 means "
    "every group takes part at the same rate; 0.5 means the group taking part least does so "
    "at half the rate of the group taking part most; 0 means a group has nobody involved. "
    "Groups with no customers in the profile, 'prefer not to say' and 'not known' are left "
    "out."
)
OTHER_NOTE = _(
    "The register does not ask about this characteristic, so involved people are not "
    "counted against it: it is shown for information only."
)
ONE_DECIMAL, TWO_DECIMALS = Decimal("0.1"), Decimal("0.01")


def can_see_breakdown(user):
    """True for the Equality data group: only they see counts of people by their answers."""
    return user.has_perm(EQUALITY_PERMISSION)


@dataclass
class GroupRow:
    """One group: its customers (None when the profile does not list it) and people involved."""

    label: str
    customers: object
    involved: int
    compared: bool = True  # counts towards the representation score

    @property
    def rate(self):
        """Percent of the group's customers who were involved, or None without customers."""
        if not self.customers:
            return None
        return Decimal(self.involved * 100) / Decimal(self.customers)


@dataclass
class Comparison:
    """One characteristic: each group's customers and involved people, and its score."""

    characteristic: str
    name: str
    customers: int
    involved: int
    rows: list
    score: object = None


@dataclass
class Score:
    characteristic: str
    name: str
    score: object  # Decimal from 0 to 1, or None when it cannot be worked out


@dataclass
class Representativeness:
    """Everything the section and the annual report need, before anything is hidden."""

    profile: object  # CustomerProfile or None
    involved: int
    comparisons: list = field(default_factory=list)
    others: list = field(default_factory=list)  # Comparisons of characteristics not asked

    @property
    def enough(self):
        return breakdown_allowed(self.involved)


def representation_score(rows):
    """Lowest participation rate ÷ highest, over the groups compared that have customers.

    None when fewer than two groups can be compared, or nobody in them was involved (the
    rates are all zero, so there is no highest to divide by). None too when the lowest or
    highest group has fewer than 5 people involved: with the customer profile beside it,
    the score would give their number away (the annual report publishes scores).
    Rounded to two places.
    """
    compared = [row for row in rows if row.compared and row.customers]
    if len(compared) < 2:
        return None
    lowest = min(compared, key=lambda row: row.rate)
    highest = max(compared, key=lambda row: row.rate)
    if highest.rate == 0 or is_small(lowest.involved) or is_small(highest.involved):
        return None
    return (lowest.rate / highest.rate).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)


def find_profile(year, landlord=None):
    """The customer profile for ``year`` of ``landlord``, or of the whole group; or None."""
    profiles = CustomerProfile.objects.filter(year=year.start.year).prefetch_related("groups")
    if landlord is None:
        return profiles.filter(landlord__isnull=True).first()
    return profiles.filter(landlord=landlord).first()


def involved_people(year, landlord=None):
    """People involved in ``year`` (of ``landlord``, or all), leaving out erased people."""
    people = Person.objects.filter(erased_at__isnull=True).filter(
        involved_between(year.start, year.end)
    )
    return people.filter(landlord=landlord) if landlord is not None else people


def answer_counts(people):
    """{answer field: Counter(value: people)}, "" for people who gave no answer.

    One query, grouped by every answer at once: it returns counts, never a person.
    """
    fields = [f"equality__{name}" for name in EqualityMonitoring.ANSWER_FIELDS]
    counts = {name: Counter() for name in EqualityMonitoring.ANSWER_FIELDS}
    for row in people.order_by().values(*fields).annotate(people=Count("pk", distinct=True)):
        for name in EqualityMonitoring.ANSWER_FIELDS:
            counts[name][row[f"equality__{name}"] or ""] += row["people"]
    return counts


def compare(characteristic, customers, profile_groups, answers):
    """A :class:`Comparison` of one characteristic, from plain counts.

    ``profile_groups`` is [(value, customers)] in the profile's order; ``answers`` is a
    Counter of involved people by answer value ("" for no answer). Customers the profile
    leaves out of every group, and people who gave no answer, make the "not known" row,
    so each column adds up to its total.
    """
    rows, listed = [], set()
    for value, count in profile_groups:
        listed.add(value)
        label = group_label(characteristic, value)
        rows.append(GroupRow(label, count, answers.get(value, 0), compared=value != PREFER_NOT))
    order = [value for value, _label in GROUPS[characteristic].choices]
    for value in order:
        if value not in listed and answers.get(value):
            label = group_label(characteristic, value)
            rows.append(GroupRow(label, None, answers[value], compared=False))
    unknown_customers = max(customers - sum(count for _value, count in profile_groups), 0)
    rows.append(GroupRow(str(NOT_KNOWN), unknown_customers, answers.get("", 0), compared=False))
    involved = sum(row.involved for row in rows)
    name = str(Characteristic(characteristic).label)
    return Comparison(characteristic, name, customers, involved, rows, representation_score(rows))


def describe_others(profile):
    """Comparisons (customers only) of the characteristics the register does not ask about."""
    named = {}
    for group in profile.groups.all():
        if group.characteristic == Characteristic.OTHER:
            named.setdefault(group.other_characteristic, []).append(group)
    others = []
    for name, groups in named.items():
        rows = [GroupRow(group.group, group.count, 0, compared=False) for group in groups]
        unknown = max(profile.customers - sum(group.count for group in groups), 0)
        rows.append(GroupRow(str(NOT_KNOWN), unknown, 0, compared=False))
        others.append(Comparison(Characteristic.OTHER, name, profile.customers, 0, rows))
    return others


def representativeness(year, landlord=None):
    """:class:`Representativeness` for ``year`` and ``landlord`` (None: the whole group).

    Characteristics with no groups in the profile are left out: there is nothing to set
    involved people against. Nothing here is protected yet; use the section or
    :func:`representation_scores` to show it.
    """
    profile = find_profile(year, landlord)
    people = involved_people(year, landlord)
    if profile is None:
        return Representativeness(None, people.count())
    answers = answer_counts(people)
    involved = sum(answers[EqualityMonitoring.ANSWER_FIELDS[0]].values())
    result = Representativeness(profile, involved, others=describe_others(profile))
    groups = list(profile.groups.all())
    for characteristic in GROUPS:
        # Saved without the admin's check (a script, an import), "Man" is still "man".
        mine = [
            (group_value(characteristic, g.group) or g.group, g.count)
            for g in groups
            if g.characteristic == characteristic
        ]
        if mine:
            result.comparisons.append(
                compare(characteristic, profile.customers, mine, answers[characteristic])
            )
    return result


def representation_scores(year, landlord=None):
    """[:class:`Score`] per characteristic compared; [] when fewer than 25 were involved.

    Safe for the public annual report: a score is a ratio of rates, never a count, and
    none is given when there are too few people to break down.
    """
    found = representativeness(year, landlord)
    if not found.enough:
        return []
    return [Score(c.characteristic, c.name, c.score) for c in found.comparisons]


def _percent(part, whole, places=ONE_DECIMAL):
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(places, rounding=ROUND_HALF_UP)


def breakdown_table(comparison):
    """The protected :class:`Table` of one characteristic: counts, shares and rates."""
    rows = comparison.rows
    customer_marks = protect_column([row.customers for row in rows])
    involved_marks = protect_column([row.involved for row in rows])
    cells = []
    for row, customers_mark, involved_mark in zip(
        rows, customer_marks, involved_marks, strict=True
    ):
        customers_hidden = customers_mark != SHOWN
        involved_hidden = involved_mark != SHOWN
        if row.customers is None:
            customer_cells = [None, None]
        elif customers_hidden:
            customer_cells = [show(row.customers, customers_mark), str(NOT_SHOWN)]
        else:
            customer_cells = [row.customers, _percent(row.customers, comparison.customers)]
        if involved_hidden:
            involved_cells = [show(row.involved, involved_mark), str(NOT_SHOWN)]
        else:
            involved_cells = [row.involved, _percent(row.involved, comparison.involved)]
        if row.rate is None or not row.compared:
            rate = None
        elif customers_hidden or involved_hidden:
            rate = str(NOT_SHOWN)
        else:
            rate = row.rate.quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)
        cells.append([row.label, *customer_cells, *involved_cells, rate])
    overall = _percent(comparison.involved, comparison.customers, TWO_DECIMALS)
    total = [gettext("Total"), comparison.customers, Decimal(100), comparison.involved]
    cells.append([*total, Decimal(100) if comparison.involved else None, overall])
    return Table(
        slug=f"representativeness-{comparison.characteristic.replace('_', '-')}",
        caption=gettext("%(name)s: customers and people involved") % {"name": comparison.name},
        headers=[
            gettext("Group"),
            gettext("Customers"),
            gettext("% of customers"),
            gettext("People involved"),
            gettext("% of people involved"),
            gettext("Taking part (% of the group's customers)"),
        ],
        rows=cells,
        notes=[str(HIDDEN_NOTE), _score_sentence(comparison)],
    )


def other_table(comparison):
    """The protected :class:`Table` of a characteristic the register does not ask about."""
    marks = protect_column([row.customers for row in comparison.rows])
    cells = []
    for row, mark in zip(comparison.rows, marks, strict=True):
        if mark == SHOWN:
            cells.append([row.label, row.customers, _percent(row.customers, comparison.customers)])
        else:
            cells.append([row.label, show(row.customers, mark), str(NOT_SHOWN)])
    cells.append([gettext("Total"), comparison.customers, Decimal(100)])
    return Table(
        slug=f"customer-profile-{slugify(comparison.name) or 'other'}",
        caption=gettext("%(name)s: customers") % {"name": comparison.name},
        headers=[gettext("Group"), gettext("Customers"), gettext("% of customers")],
        rows=cells,
        notes=[str(OTHER_NOTE), str(HIDDEN_NOTE)],
    )


def scores_table(comparisons):
    """The :class:`Table` of scores per characteristic, which every officer may see."""
    # A score withheld (see representation_score) says so, rather than leaving a blank.
    rows = [[c.name, c.score if c.score is not None else gettext("not given")] for c in comparisons]
    return Table(
        slug="representation-scores",
        caption=gettext("Representation score by characteristic (1 = every group equally)"),
        headers=[gettext("Characteristic"), gettext("Representation score")],
        rows=rows,
        chart="bar",
        notes=[str(HOW_THE_SCORE_WORKS)],
    )


def _score_sentence(comparison):
    if comparison.score is None:
        return gettext(
            "No representation score: it needs at least two groups with customers and "
            "someone involved, and it is not given when the lowest or highest group has fewer "
            "than 5 people involved, because it could give their number away."
        )
    return gettext("Representation score for %(name)s: %(score)s.") % {
        "name": comparison.name.lower(),
        "score": comparison.score,
    }


def _profile_add_url():
    try:
        return reverse("wagtailsnippets_involvement_dashboard_customerprofile:add")
    except NoReverseMatch:
        return ""


def representativeness_section(request, year, landlord=None):
    """The dashboard's representativeness :class:`Section`, or None when there is nothing.

    Everyone who can see the dashboard gets the score per characteristic; the breakdown
    tables (counts and shares by group, small numbers hidden) go only to the Equality data
    group. With fewer than 25 people involved neither is given, only a sentence why.
    """
    found = representativeness(year, landlord)
    if found.profile is None and not found.involved:
        return None
    breakdown = can_see_breakdown(request.user)
    context = {
        "year": year,
        "landlord": landlord,
        "profile": found.profile,
        "involved": protect_count(found.involved),
        "enough": found.enough,
        "too_few": TOO_FEW_FOR_BREAKDOWN,
        "how_the_score_works": HOW_THE_SCORE_WORKS,
        "can_see_breakdown": breakdown,
        "add_profile_url": _profile_add_url(),
        "scores": [],
    }
    tables = []
    if found.profile is not None and found.enough:
        context["scores"] = [Score(c.characteristic, c.name, c.score) for c in found.comparisons]
        if found.comparisons:
            tables.append(scores_table(found.comparisons))
        if breakdown:
            tables += [breakdown_table(comparison) for comparison in found.comparisons]
            tables += [other_table(comparison) for comparison in found.others]
    return Section(
        slug="representativeness",
        title=gettext("Who takes part, against our customers"),
        template="involvement_dashboard/sections/representativeness.html",
        context=context,
        tables=tables,
    )
