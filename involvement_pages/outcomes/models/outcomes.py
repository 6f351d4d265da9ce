"""Outcomes for "You said, we did": each a change made because residents asked for it.

Each outcome is counted by the landlord's financial year, the figure Gateshead reports as
PI.4, "service improvements implemented as a result of customer involvement".
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from involvement_pages.panels.models import Panel
from involvement_pages.scrutiny.models import ScrutinyReview
from involvement_pages.snippets import Landlord, ServiceArea
from involvement_pages.text import clean_text
from involvement_pages.years import year_of


def _live_url(page):
    return page.url if page is not None and page.live else None


@dataclass(frozen=True)
class Source:
    """One kind of record an outcome can come from, held in a nullable foreign key.

    ``related`` is what a list selects with it, so showing it costs no query;
    ``public_url`` finds the address of the live page residents can follow from it, or None.
    """

    field: str
    related: tuple
    public_url: Callable


# Where an outcome came from, in the order they are shown. A scrutiny review or a
# consultation joins as one more nullable foreign key on Outcome and one more entry here;
# the form, the check that one is given, the lists and the public pages follow this tuple.
SOURCES = (
    Source("panel", ("panel__opportunity",), lambda panel: _live_url(panel.opportunity)),
    Source("opportunity", ("opportunity",), _live_url),
    Source("consultation", ("consultation",), _live_url),
    Source("review", ("review",), lambda review: review.public_url()),
)


class OutcomeQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def linked(self):
        """The outcomes, each with ``public_link``: its own page on the live "You said, we
        did" page, or "" without one. The page is looked up once for them all."""
        outcomes = list(self)
        if outcomes:
            index_page = outcomes_page()
            for outcome in outcomes:
                outcome.public_link = outcome.public_url(index_page)
        return outcomes

    def for_listing(self):
        """Everything a card or the detail shows, fetched with the outcomes themselves."""
        related = [path for source in SOURCES for path in source.related]
        return self.select_related("service_area", "landlord", "evidence_document", *related)


class Outcome(index.Indexed, models.Model):
    """A change made because residents said something: what they said, what we did."""

    title = models.CharField(
        _("headline"),
        max_length=150,
        help_text=_("A few plain words about the change, for example 'Women-only taxis'."),
    )
    said = models.TextField(
        _("you said"),
        max_length=1500,
        help_text=_("What residents told us or asked for, in their words where you can."),
    )
    did = models.TextField(
        _("we did"),
        max_length=1500,
        help_text=_("What changed because of it. Give numbers and dates where you have them."),
    )
    service_area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        error_messages={"blank": _("Choose the service that changed.")},
    )
    panel = models.ForeignKey(
        Panel,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_("The panel, forum or residents' association that asked for it."),
    )
    opportunity = models.ForeignKey(
        "involvement_pages.OpportunityPage",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_("The way of getting involved it came from, such as a survey or inspection."),
    )
    review = models.ForeignKey(
        ScrutinyReview,
        verbose_name=_("scrutiny review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_("The scrutiny review or investigation whose recommendation led to it."),
    )
    consultation = models.ForeignKey(
        "involvement_consultations.ConsultationPage",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_("The consultation or survey whose answers led to it."),
    )
    date = models.DateField(_("date of the change"), default=timezone.localdate, db_index=True)
    evidence_url = models.URLField(
        _("evidence link"),
        blank=True,
        help_text=_("A web page that shows it: a report, minutes or a news item."),
    )
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("evidence document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Or a document residents can download. It will be public."),
    )
    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_("Leave blank for a change across the whole group."),
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published outcomes show on the public 'You said, we did' page."),
    )

    objects = OutcomeQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("said"),
        FieldPanel("did"),
        FieldPanel("service_area"),
        MultiFieldPanel(
            [FieldPanel(source.field) for source in SOURCES],
            heading=_("Where it came from"),
            help_text=_("Choose at least one."),
        ),
        FieldPanel("date"),
        MultiFieldPanel(
            [FieldPanel("evidence_url"), FieldPanel("evidence_document")],
            heading=_("Evidence"),
        ),
        FieldPanel("landlord"),
        FieldPanel("published"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("said"),
        index.SearchField("did"),
        index.AutocompleteField("title"),
        index.FilterField("published"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        self.title = clean_text(self.title)
        self.said = clean_text(self.said, multiline=True)
        self.did = clean_text(self.did, multiline=True)
        for name in ("title", "said", "did"):
            if not getattr(self, name):
                errors[name] = gettext("This cannot be left blank or hold only symbols.")
        if not any(getattr(self, f"{source.field}_id") for source in SOURCES):
            names = [str(self._meta.get_field(source.field).verbose_name) for source in SOURCES]
            errors[SOURCES[0].field] = gettext(
                "Say where this change came from: choose a %(names)s."
            ) % {"names": get_text_list(names, gettext("or"))}
        if self.date and self.date > timezone.localdate():
            errors["date"] = gettext(
                "The date the change was made cannot be in the future. Leave the outcome "
                "unpublished until it has happened."
            )
        if errors:
            raise ValidationError(errors)

    def sources(self):
        """[(kind, record, its public address or None), ...] for each place it came from."""
        found = []
        for source in SOURCES:
            record = getattr(self, source.field)
            if record is not None:
                kind = self._meta.get_field(source.field).verbose_name
                found.append((kind, record, source.public_url(record)))
        return found

    @property
    def year(self):
        return year_of(self.date)

    def public_url(self, index_page=None):
        """Its own page on the live "You said, we did" page: "" while it is unpublished or
        no such page is live. Pass ``index_page`` when linking many, to look it up once."""
        index_page = index_page or outcomes_page()
        if not self.published or index_page is None or index_page.url is None:
            return ""
        return index_page.url + index_page.reverse_subpage("outcome", args=[self.pk])


def outcomes_page():
    """The live, public "You said, we did" page that outcomes link to, or None."""
    # Through the app registry: the page's module imports this one.
    page_model = apps.get_model("involvement_outcomes", "YouSaidWeDidPage")
    return page_model.objects.live().public().order_by("path").first()


def counts_by_year(outcomes):
    """[(financial year, number of outcomes), ...], newest year first, in one query.

    The database counts by calendar month; the months fold into financial years here,
    so at most twelve rows a year come back however many outcomes there are.
    """
    months = (
        outcomes.order_by()
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values_list("year", "month")
        .annotate(n=Count("pk"))
    )
    totals = {}
    for year, month, n in months:
        financial_year = year_of(datetime.date(year, month, 1))
        totals[financial_year] = totals.get(financial_year, 0) + n
    return sorted(totals.items(), key=lambda item: item[0].start, reverse=True)
