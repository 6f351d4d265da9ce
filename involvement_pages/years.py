"""The landlord's financial year, which budgets, meeting targets and grant years follow.

UK housing associations run their budgets April to March, so "this year" means the
financial year unless a host sets ``INVOLVEMENT_YEAR_START_MONTH`` (1 for calendar years).
"""

import datetime
from dataclasses import dataclass

from . import conf


def start_month():
    return conf.get("INVOLVEMENT_YEAR_START_MONTH")


@dataclass(frozen=True)
class Year:
    start: datetime.date
    end: datetime.date

    @property
    def label(self):
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}/{self.end.year % 100:02d}"

    def __str__(self):
        return self.label


def year_of(day):
    """The financial year that ``day`` falls in."""
    month = start_month()
    first_year = day.year if day.month >= month else day.year - 1
    start = datetime.date(first_year, month, 1)
    next_start = datetime.date(first_year + 1, month, 1)
    return Year(start, next_start - datetime.timedelta(days=1))
