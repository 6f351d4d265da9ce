"""Public grant pages: the grants awarded and the money left, and "Apply for funding" per fund."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from involvement_pages.blocks import BodyBlock
from involvement_pages.models import page_link
from involvement_pages.page_cache import CachedPageMixin

from .funds import GrantApplication, GrantFund, current_balance, fund_balances

AWARDS_PAGE_SIZE = 50


class GrantsAwardedPage(CachedPageMixin, Page):
    """Published grant decisions by fund and round, what is left, and which funds are open."""

    page_ptr = page_link("involvement_grants_awarded_page")

    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Shown under the list of grants."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["involvement_grants.ApplyForFundingPage"]

    class Meta:
        verbose_name = _("grants awarded page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        funds = list(GrantFund.objects.prefetch_related("rounds"))
        balances = fund_balances(funds, prefetched=True)
        chosen = next((f for f in funds if f.slug == request.GET.get("fund")), None)

        awards = (
            GrantApplication.objects.awards()
            .filter(published=True)
            .select_related("fund", "round__fund")
            .order_by("fund__name", "-round__opens", "-decision_date", "pk")
        )
        if chosen:
            awards = awards.filter(fund=chosen)
        page = Paginator(awards, AWARDS_PAGE_SIZE).get_page(request.GET.get("page"))
        apply_pages = {
            p.fund_id: p
            for p in ApplyForFundingPage.objects.child_of(self).live().public().specific()
        }
        context.update(
            funds=funds,
            chosen_fund=chosen,
            # Funds open for applications first: that is what most visitors came for.
            summary=sorted(
                (
                    {
                        "fund": fund,
                        "balance": current_balance(fund, balances, today),
                        "apply_page": apply_pages.get(fund.pk),
                        "is_open": fund.open_round(today) is not None,
                    }
                    for fund in funds
                ),
                key=lambda row: not row["is_open"],
            ),
            page_obj=page,
            page_numbers=page.paginator.get_elided_page_range(page.number, on_ends=1),
            # The shared pagination links read the current choices from ``filters``.
            filters={"querystring": f"fund={chosen.slug}" if chosen else ""},
            groups=[
                {"round": r, "balance": balances.get(r.pk), "awards": list(rows)}
                for r, rows in groupby(page.object_list, key=lambda a: a.round)
            ],
        )
        return context


class ApplyForFundingPage(Page):
    """How to apply to one fund: what it pays for, who decides, dates, and the form."""

    page_ptr = page_link("involvement_apply_for_funding_page")

    fund = models.ForeignKey(
        GrantFund,
        verbose_name=_("fund"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="apply_pages",
    )
    intro = models.TextField(
        _("intro"), blank=True, help_text=_("One or two sentences under the title.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("fund"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["involvement_grants.GrantsAwardedPage"]
    # Its application form, a sign-up form with the fund's questions, can sit beneath it.
    subpage_types = ["involvement_forms.SignUpFormPage"]

    class Meta:
        verbose_name = _("apply for funding page")

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fund = self.fund
        if fund is None:
            return context
        open_round = fund.open_round(self.today)
        balance = fund_balances([fund]).get(open_round.pk) if open_round else None
        form_page = fund.application_form
        context.update(
            open_round=open_round,
            next_round=None if open_round else fund.next_round(self.today),
            balance=balance,
            form_page=form_page if form_page and form_page.live else None,
        )
        return context
