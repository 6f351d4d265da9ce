"""Scrutiny reviews and their recommendations, and the public page of finished reviews.

Thirteen's Scrutiny Panel "reviews 3 services a year, reporting on findings and making
recommendations to Board", its Customer Service Investigators do "short pieces of
scrutiny", and its Designated Complaints Panel reports on complaints. Each is a
``ScrutinyReview``; each recommendation records the landlord's response and what became
of it, so the board, the regulator and residents can see scrutiny change things.

A recommendation is **overdue** when its due date has passed (due today is not yet
overdue), it is not done, and the landlord did not reject it (a rejected recommendation
will never be done, and its reason is already on record).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
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
from involvement_pages.panels.models import Panel
from involvement_pages.sitemaps import with_subpages


class ReviewKind(models.TextChoices):
    SCRUTINY_PANEL = "scrutiny_panel", _("Scrutiny panel review")
    CUSTOMER_SERVICE_INVESTIGATORS = "csi", _("Customer Service Investigator project")
    COMPLAINTS = "complaints", _("Complaints review")


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")


class Response(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting response")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


# Responses that must say why: a resident reading "rejected" deserves the reason.
NEEDS_REASON = (Response.PARTLY_ACCEPTED, Response.REJECTED)


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ScrutinyReview(index.Indexed, ClusterableModel):
    """One piece of scrutiny: a panel's service review, a CSI project or a complaints review."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ReviewKind.choices, default=ReviewKind.SCRUTINY_PANEL
    )
    topic = models.CharField(
        _("topic"), max_length=255, help_text=_("The service or question reviewed.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the review's web address once it is finished and published."),
    )
    panel = models.ForeignKey(
        Panel,
        verbose_name=_("panel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_reviews",
        help_text=_("The panel or group that carried out the review."),
    )
    commissioned_by = models.CharField(
        _("commissioned by"),
        max_length=200,
        blank=True,
        help_text=_("For example the Board, the Customer Council or a business manager."),
    )
    scope = models.TextField(_("scope"), blank=True, help_text=_("What the review looked at."))
    findings = models.TextField(
        _("summary of findings"), blank=True, help_text=_("Shown on the public page.")
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PLANNED,
        help_text=_("Only finished reviews are shown on the public reviews page."),
    )
    report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The review's report, published with it."),
    )

    search_fields = [
        index.SearchField("topic"),
        index.AutocompleteField("topic"),
        index.SearchField("scope"),
    ]

    class Meta:
        verbose_name = _("scrutiny review")
        verbose_name_plural = _("scrutiny reviews")
        ordering = ["-started_on", "topic"]

    def __str__(self):
        return self.topic

    def clean(self):
        super().clean()
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = gettext("A review cannot finish before it starts.")
        if self.status == ReviewStatus.FINISHED and not self.ended_on:
            errors["ended_on"] = gettext("Give the date the review finished.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_finished(self):
        return self.status == ReviewStatus.FINISHED

    def public_url(self, index_page=None):
        """The review's public page, or None while it is unfinished or no reviews page is
        live. Pass ``index_page`` when linking many reviews, to look it up once."""
        if not self.is_finished:
            return None
        index_page = index_page or ScrutinyReviewIndexPage.objects.live().public().first()
        if index_page is None or index_page.url is None:
            return None
        return index_page.url + index_page.reverse_subpage("review", args=[self.slug])


class RecommendationQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Past their due date (not on it), not done, and not rejected (see the module)."""
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(
            Q(status=RecommendationStatus.DONE) | Q(response=Response.REJECTED)
        )


class Recommendation(Orderable):
    """One recommendation of a review: the landlord's answer, who owns it, what became of it."""

    review = ParentalKey(ScrutinyReview, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The officer or team who will carry it out, for example 'Repairs Manager'."),
    )
    response = models.CharField(
        _("landlord's response"),
        max_length=20,
        choices=Response.choices,
        default=Response.AWAITING,
    )
    response_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Needed when the recommendation is rejected or only partly accepted."),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    evidence = models.TextField(
        _("evidence of completion"),
        blank=True,
        help_text=_("What changed, and how we know. Needed to mark it done."),
    )
    evidence_url = models.URLField(
        _("evidence link"),
        blank=True,
        help_text=_("A page or document showing the change, if there is one."),
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    def clean(self):
        super().clean()
        errors = {}
        if self.response in NEEDS_REASON and not self.response_reason.strip():
            errors["response_reason"] = gettext("Say why the recommendation was %(response)s.") % {
                "response": Response(self.response).label.lower()
            }
        if self.status == RecommendationStatus.DONE and not (
            self.evidence.strip() or self.evidence_url
        ):
            errors["evidence"] = gettext(
                "Describe the evidence, or give a link to it, before marking this done."
            )
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(
            self.due_on
            and self.due_on < today
            and self.status != RecommendationStatus.DONE
            and self.response != Response.REJECTED
        )


class ScrutinyReviewIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    """Finished scrutiny reviews, each with its recommendations at <review slug>/."""

    page_ptr = page_link("involvement_scrutiny_review_index_page")

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("scrutiny reviews page")

    def finished_reviews(self):
        return ScrutinyReview.objects.filter(status=ReviewStatus.FINISHED).order_by(
            "-ended_on", "topic"
        )

    def get_sitemap_urls(self, request=None):
        """The page, and each finished review's page under it."""
        slugs = self.finished_reviews().values_list("slug", flat=True)
        urls = super().get_sitemap_urls(request)
        return with_subpages(self, urls, "review", ((slug, None) for slug in slugs))

    @path("", name="index")
    def index_route(self, request):
        reviews = self.finished_reviews().annotate(
            recommendation_count=Count("recommendations"),
            done_count=Count(
                "recommendations", filter=Q(recommendations__status=RecommendationStatus.DONE)
            ),
        )
        return self.render(request, context_overrides={"reviews": list(reviews)})

    @path("<slug:slug>/", name="review")
    def review_route(self, request, slug):
        review = self.finished_reviews().select_related("panel", "report").filter(slug=slug).first()
        if review is None:
            raise Http404
        today = timezone.localdate()
        recommendations = list(review.recommendations.all())
        for recommendation in recommendations:
            recommendation.overdue = recommendation.is_overdue(today)
        return self.render(
            request,
            template="involvement_scrutiny/scrutiny_review.html",
            context_overrides={"review": review, "recommendations": recommendations},
        )
