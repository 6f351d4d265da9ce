"""Outcomes for "You said, we did", and the public page that lists them."""

from .outcomes import SOURCES, Outcome, OutcomeQuerySet, Source, counts_by_year
from .pages import OUTCOMES_PAGE_SIZE, YouSaidWeDidPage

__all__ = [
    "OUTCOMES_PAGE_SIZE",
    "SOURCES",
    "Outcome",
    "OutcomeQuerySet",
    "Source",
    "YouSaidWeDidPage",
    "counts_by_year",
]
