"""The dashboard's figures for one year and one landlord (or all), each from the records.

Each :class:`Figure` carries its label, its value, its target where the seeds set one, the
link to the list behind it, and whether it may appear on the public annual report (counts
of people and changes made may; anything about named people or money owed may not).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from forms.involvement import involved_between
from forms.models import Person


@dataclass
class Figure:
    key: str
    label: str
    value: object
    unit: str = ""  # "people", "percent", "pounds", "days" or "" for a plain count
    target: object = None
    url: str = ""  # the list behind the figure, for officers
    public: bool = False  # may be shown on the annual report
    notes: list = field(default_factory=list)


def people(landlord=None):
    found = Person.objects.filter(erased_at__isnull=True)
    return found.filter(landlord=landlord) if landlord else found


def dashboard_figures(year, landlord=None):
    """[Figure] for ``year`` (a :class:`involvement_pages.years.Year`) and ``landlord``."""
    involved = people(landlord).filter(involved_between(year.start, year.end)).count()
    new = people(landlord).filter(date_joined__range=(year.start, year.end)).count()
    return [
        Figure("involved", _("People involved"), involved, unit="people", public=True),
        Figure("new_people", _("New people"), new, unit="people", public=True),
    ]
