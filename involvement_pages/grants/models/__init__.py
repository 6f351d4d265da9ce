"""Grant funds, their rounds and applications, and the public grants pages."""

from .application_form import (
    ApplicationsClosed,
    GrantApplicationFormField,
    GrantApplicationFormPage,
    GrantApplicationSubmission,
)
from .funds import (
    AWARDED_STATUSES,
    NEXT_STATUSES,
    REVIEW_AFTER,
    ApplicationQuerySet,
    ApplicationStatus,
    Balance,
    BudgetPeriod,
    GrantApplication,
    GrantFund,
    GrantRound,
    award_problem,
    awarded_by_round,
    chain,
    current_balance,
    fund_balances,
)
from .pages import ApplyForFundingPage, GrantsAwardedPage

__all__ = [
    "AWARDED_STATUSES",
    "NEXT_STATUSES",
    "REVIEW_AFTER",
    "ApplicationQuerySet",
    "ApplicationStatus",
    "ApplicationsClosed",
    "ApplyForFundingPage",
    "Balance",
    "BudgetPeriod",
    "GrantApplication",
    "GrantApplicationFormField",
    "GrantApplicationFormPage",
    "GrantApplicationSubmission",
    "GrantFund",
    "GrantRound",
    "GrantsAwardedPage",
    "award_problem",
    "awarded_by_round",
    "chain",
    "current_balance",
    "fund_balances",
]
