"""The one set of filters behind the menu and the calendar.

Each filter reads repeated GET keys (``?support=childcare&support=taxi``), keeps only
values it knows and ignores the rest, so a stale or hand-edited link still shows a
sensible list instead of an error.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Q, Value
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .choices import Commitment, Level, OpportunityStatus, Tier
from .snippets import Area, Audience, ParticipationFormat, ServiceArea, SupportOption
from .text import search_terms, search_words


@dataclass
class Filter:
    """One question in the filter form, answered with checkboxes."""

    key: str
    label: str
    lookup: str
    choices: list = field(default_factory=list)
    snippet: type | None = None
    hint: str = ""
    match_all: bool = False

    @property
    def from_database(self):
        """Whether the options are rows (matched by slug) rather than fixed in code."""
        return self.snippet is not None

    def options(self, database_options):
        if self.from_database:
            return database_options.get(self.key, [])
        return list(self.choices)

    def options_query(self):
        """(key, slug, label) rows of this filter's options, when they come from the database."""
        return (
            self.snippet.objects.order_by()
            .annotate(key=Value(self.key))
            .values_list("key", "slug", "name")
        )

    def apply(self, queryset, values):
        path = f"{self.lookup}__slug" if self.from_database else self.lookup
        if self.match_all:
            for value in values:
                queryset = queryset.filter(pk__in=_pks(queryset, Q(**{path: value})))
            return queryset
        return queryset.filter(pk__in=_pks(queryset, Q(**{f"{path}__in": values})))


@dataclass
class AreaFilter(Filter):
    """Areas also match anything offered in all areas."""

    all_areas_lookup: str = "all_areas"

    def apply(self, queryset, values):
        matches = Q(**{self.all_areas_lookup: True}) | Q(**{f"{self.lookup}__slug__in": values})
        return queryset.filter(pk__in=_pks(queryset, matches))


@dataclass
class PageFilter(Filter):
    """Choices are pages, matched by slug: the calendar's "Group or activity" filter."""

    pages: Callable | None = None

    @property
    def from_database(self):
        return True

    def options_query(self):
        return (
            self.pages()
            .order_by()
            .annotate(key=Value(self.key))
            .values_list("key", "slug", "title")
        )


@dataclass
class ConditionFilter(Filter):
    """Each choice stands for a condition on the model itself, such as "online"."""

    conditions: dict = field(default_factory=dict)

    def apply(self, queryset, values):
        conditions = [self.conditions[value] for value in values]
        combine = and_ if self.match_all else or_
        return queryset.filter(pk__in=_pks(queryset, reduce(combine, conditions)))


def _pks(queryset, condition):
    """A subquery of matching keys, so many-to-many matches never duplicate rows."""
    return queryset.model.objects.filter(condition).values("pk")


def opportunity_filters(prefix=""):
    """The menu's filters; ``prefix`` reaches opportunities from another model (events)."""
    return [
        Filter("level", _("Level of involvement"), f"{prefix}level", choices=Level.choices),
        Filter("time", _("Time you can give"), f"{prefix}commitment", choices=Commitment.choices),
        Filter(
            "support",
            _("Support you need"),
            f"{prefix}support",
            snippet=SupportOption,
            hint=_("Shows only ways that offer all the support you tick."),
            match_all=True,
        ),
        Filter(
            "service", _("Services you care about"), f"{prefix}service_areas", snippet=ServiceArea
        ),
        AreaFilter(
            "area",
            _("Where you live"),
            f"{prefix}areas",
            snippet=Area,
            all_areas_lookup=f"{prefix}all_areas",
        ),
        Filter(
            "format",
            _("How you want to take part"),
            f"{prefix}formats",
            snippet=ParticipationFormat,
        ),
        Filter("who", _("Who can take part"), f"{prefix}audiences", snippet=Audience),
        Filter(
            "tier",
            _("Strategic, operational or local"),
            f"{prefix}tier",
            choices=Tier.choices,
            hint=_(
                "Strategic groups look at the whole group; local ones at your street or estate."
            ),
        ),
        Filter(
            "status",
            _("Can I join now?"),
            f"{prefix}status",
            choices=[c for c in OpportunityStatus.choices if c[0] != OpportunityStatus.CLOSED],
        ),
    ]


class FilterSet:
    """The filters with a request's answers, ready to render and to apply."""

    def __init__(self, filters, params):
        self.query = search_words(params.get("q", ""))
        self.fields = []
        database_options = _database_options(filters)
        for f in filters:
            options = f.options(database_options)
            known = {value for value, _label in options}
            chosen = list(dict.fromkeys(v for v in params.getlist(f.key) if v in known))
            self.fields.append(
                {
                    "filter": f,
                    "options": [
                        {"value": v, "label": label, "checked": v in chosen} for v, label in options
                    ],
                    "chosen": chosen,
                }
            )

    @property
    def active(self):
        return bool(self.query) or any(f["chosen"] for f in self.fields)

    def filter(self, queryset):
        for f in self.fields:
            if f["chosen"]:
                queryset = f["filter"].apply(queryset, f["chosen"])
        if self.query:
            queryset = queryset.filter(pk__in=search_subquery(queryset.model, self.query))
        return queryset

    def hidden_fields(self):
        """The current choices as (name, value) pairs, for forms that must keep them."""
        pairs = [("q", self.query)] if self.query else []
        for f in self.fields:
            pairs.extend((f["filter"].key, value) for value in f["chosen"])
        return pairs

    def querystring(self, **overrides):
        """The current choices as a query string, for pagination links and feeds."""
        qd = QueryDict(mutable=True)
        if self.query:
            qd["q"] = self.query
        for f in self.fields:
            if f["chosen"]:
                qd.setlist(f["filter"].key, f["chosen"])
        for key, value in overrides.items():
            qd[key] = value
        return qd.urlencode()


def search_subquery(model, query):
    """Keys of ``model`` rows matching ``query`` in Wagtail search, as a lazy subquery.

    The database backends expose their match as a queryset, so the filters, the count and
    the page slice stay one SQL query each instead of loading every match into memory.
    A query with no words in it (only punctuation) matches nothing.
    """
    terms = search_terms(query)
    if not terms:
        return model.objects.none().values("pk")
    matches = model.objects.search(terms, operator="and", order_by_relevance=False)
    if hasattr(matches, "get_queryset"):
        return matches.get_queryset().values("pk")
    return [obj.pk for obj in matches]


def _database_options(filters):
    """Every database-backed filter's (slug, name) options, fetched in one query."""
    lists = [f.options_query() for f in filters if f.from_database]
    if not lists:
        return {}
    rows = lists[0].union(*lists[1:], all=True) if len(lists) > 1 else lists[0]
    options = {}
    for key, slug, name in sorted(rows, key=lambda row: (row[0], row[2].casefold())):
        options.setdefault(key, []).append((slug, name))
    return options
