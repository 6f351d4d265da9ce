"""Action plans: what the landlord promised to do for involvement, by when, and how far it got.

An ``ActionPlan`` (Gateshead's "Customer Involvement Strategy Action Plan 2005/2006",
WNWHL's Appendix 1) holds ``PlanAction`` rows grouped under objectives. Each action's RAG
status is computed from the plan's start, its target date and its percent done
(``rag.rag_status``); nobody types a colour.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from involvement_pages.models import page_link
from involvement_pages.page_cache import CachedPageMixin
from involvement_pages.sitemaps import with_subpages
from involvement_pages.snippets import Landlord

from . import rag


class ActionPlan(index.Indexed, ClusterableModel):
    """One plan, such as a strategy's yearly action plan, with its actions in order."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the plan's web address, for example 'action-plan-2025-26'."),
    )
    period = models.CharField(
        _("period"),
        max_length=60,
        blank=True,
        help_text=_("The years the plan covers, as people say them, for example '2009 to 2013'."),
    )
    starts_on = models.DateField(
        _("plan starts"),
        help_text=_("Progress is measured from this date: before it, actions are 'not started'."),
    )
    ends_on = models.DateField(_("plan ends"), null=True, blank=True)
    landlord = models.ForeignKey(
        Landlord,
        verbose_name=_("landlord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_plans",
        help_text=_("Leave empty for a plan the whole group shares."),
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown above the plan.")
    )
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Show the plan and its progress on the public action plans page."),
    )

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": gettext("The plan cannot end before it starts.")})

    def rag_counts(self, today=None, actions=None):
        """{colour: count} for every colour in ``rag.COLOURS``, zeros included."""
        today = today or timezone.localdate()
        actions = self.actions.all() if actions is None else actions
        counts = Counter(action.rag(today).colour for action in actions)
        return {colour: counts[colour] for colour, _label in rag.COLOURS}


class PlanAction(Orderable):
    """One row of a plan: an action under an objective, who does it, by when, how far."""

    plan = ParentalKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    objective = models.CharField(
        _("objective"),
        max_length=255,
        help_text=_(
            "The heading the action sits under, for example '1. Increase Involvement'. "
            "Actions with the same objective are shown together."
        ),
    )
    action = models.TextField(_("action"))
    milestone = models.TextField(_("milestone"), blank=True)
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("What will be different when it is done.")
    )
    responsible = models.CharField(
        _("responsible officer"),
        max_length=200,
        blank=True,
        help_text=_("A named officer or team."),
    )
    target_date = models.DateField(
        _("target date"),
        null=True,
        blank=True,
        help_text=_("The RAG status needs one: without it the action is 'not rated'."),
    )
    target_wording = models.CharField(
        _("target as written"),
        max_length=300,
        blank=True,
        help_text=_("When the plan says more than a date, for example 'Annually each April'."),
    )
    progress = models.TextField(_("progress to date"), blank=True)
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("0 to 100. 100 means done."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.action[:80]

    def rag(self, today=None):
        return rag.rag_status(
            plan_start=self.plan.starts_on,
            target=self.target_date,
            percent_done=self.percent_done or 0,
            today=today or timezone.localdate(),
        )


def rag_summary(counts):
    """[(colour, label, count), ...] in the order of ``rag.COLOURS``, for templates."""
    return [(colour, label, counts[colour]) for colour, label in rag.COLOURS]


def objective_groups(actions, today):
    """[(objective, [(action, rag), ...]), ...] in plan order, each objective once."""
    groups = {}
    for action in actions:
        groups.setdefault(action.objective, []).append((action, action.rag(today)))
    return list(groups.items())


class ActionPlanIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    """The published action plans, each with its own progress page at <plan slug>/."""

    page_ptr = page_link("involvement_action_plan_index_page")

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("action plans page")

    def plans(self):
        return ActionPlan.objects.filter(published=True).select_related("landlord")

    def get_sitemap_urls(self, request=None):
        """The page, and each published plan's progress page under it."""
        slugs = self.plans().values_list("slug", flat=True)
        urls = super().get_sitemap_urls(request)
        return with_subpages(self, urls, "plan", ((slug, None) for slug in slugs))

    @path("", name="index")
    def index_route(self, request):
        today = timezone.localdate()
        plans = list(self.plans().prefetch_related("actions"))
        rows = [
            {
                "plan": plan,
                "summary": rag_summary(plan.rag_counts(today)),
                "total": len(plan.actions.all()),
            }
            for plan in plans
        ]
        return self.render(request, context_overrides={"rows": rows})

    @path("<slug:slug>/", name="plan")
    def plan_route(self, request, slug):
        plan = self.plans().filter(slug=slug).first()
        if plan is None:
            raise Http404
        today = timezone.localdate()
        # The plan is given to each action so that rag() asks nothing more of the database.
        actions = list(plan.actions.all())
        for action in actions:
            action.plan = plan
        counts = plan.rag_counts(today, actions)
        return self.render(
            request,
            template="involvement_action_plans/action_plan.html",
            context_overrides={
                "plan": plan,
                "today": today,
                "groups": objective_groups(actions, today),
                "summary": rag_summary(counts),
                "total": len(actions),
            },
        )
