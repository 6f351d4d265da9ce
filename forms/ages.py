"""Ages from dates of birth: the monitoring band a person is in, and which dates are real.

The register keeps a date of birth so that the band is always current; nobody types a band
for a person (residents' own answers, with consent, live in equality monitoring). The bands
are those equality monitoring uses, so the two can be read side by side.

A date of birth is refused when it is in the future, before 1900 (a mistyped year, or a
placeholder such as Excel's day 0, 30/12/1899), or makes the person younger than 16: the
register does not record a parent's consent, and such dates are usually the date joined
in the wrong column.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from .choices import AgeBand

EARLIEST_BIRTH = date(1900, 1, 1)
YOUNGEST_AGE = 16
#: Each band's ages, first and last (None: no upper limit).
BAND_AGES = {
    AgeBand.AGE_16_24: (16, 24),
    AgeBand.AGE_25_34: (25, 34),
    AgeBand.AGE_35_44: (35, 44),
    AgeBand.AGE_45_54: (45, 54),
    AgeBand.AGE_55_64: (55, 64),
    AgeBand.AGE_65_74: (65, 74),
    AgeBand.AGE_75_PLUS: (75, None),
}
DERIVED_BANDS = [(band.value, band.label) for band in BAND_AGES]


def age_on(born, day):
    """Whole years from ``born`` to ``day``: a birthday counts from the day itself."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(born, today=None):
    """The band for a date of birth ("" without one, or for an age no band covers)."""
    if born is None:
        return ""
    age = age_on(born, today or timezone.localdate())
    for band, (first, last) in BAND_AGES.items():
        if age >= first and (last is None or age <= last):
            return band.value
    return ""


def years_before(day, years):
    """The same day ``years`` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birth_dates_in_band(band, today=None):
    """(born after, born on or before) for a band: ``None`` where the range is open."""
    today = today or timezone.localdate()
    first, last = BAND_AGES[AgeBand(band)]
    return (None if last is None else years_before(today, last + 1)), years_before(today, first)


def check_date_of_birth(born, today=None):
    """``born`` if it can be a resident's date of birth, else ``ValueError`` saying why."""
    if born is None:
        return None
    today = today or timezone.localdate()
    shown = born.strftime("%d/%m/%Y")
    if born > today:
        raise ValueError(gettext("The date of birth %(date)s is in the future.") % {"date": shown})
    if born < EARLIEST_BIRTH:
        raise ValueError(
            gettext("The date of birth %(date)s is before 1900: check the year.") % {"date": shown}
        )
    if age_on(born, today) < YOUNGEST_AGE:
        raise ValueError(
            gettext(
                "The date of birth %(date)s makes them younger than %(age)s. The register is "
                "for people aged %(age)s or over: check it is not the date they joined."
            )
            % {"date": shown, "age": YOUNGEST_AGE}
        )
    return born


def validate_date_of_birth(born):
    """The model field's validator: the same rules as imports, as a form error."""
    try:
        check_date_of_birth(born)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid_date_of_birth") from error
