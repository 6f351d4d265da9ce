"""Outcomes for "You said, we did", and the public page that lists them."""

from .notices import OutcomeNotice, address_key
from .outcomes import (
    SOURCES,
    Outcome,
    OutcomeQuerySet,
    Source,
    counts_by_year,
    outcomes_page,
)
from .pages import OUTCOMES_PAGE_SIZE, YouSaidWeDidPage

__all__ = [
    "OUTCOMES_PAGE_SIZE",
    "SOURCES",
    "Outcome",
    "OutcomeNotice",
    "OutcomeQuerySet",
    "Source",
    "YouSaidWeDidPage",
    "address_key",
    "counts_by_year",
    "outcomes_page",
]
