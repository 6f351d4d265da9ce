"""The event edit form: repetition chosen from plain choices, kept as an RFC 5545 rule.

The choices are composed into the ``rrule`` text on save and read back from it on load,
so nothing about how events are stored changes. A rule the choices cannot make is shown
under Advanced and kept as written until someone changes it; an edit made there wins over
choices nobody touched, and an edit to both that disagrees is refused, never guessed.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS as DAY_NAMES
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from involvement_pages.formats import govuk_date

from . import patterns, recurrence, wording
from .patterns import Pattern

ADVANCED = "advanced"
ON_DATE = "date"
ON_WEEKDAY = "weekday"
NEXT_DATES_SHOWN = 5

FREQUENCY_CHOICES = [
    (patterns.NONE, _("Does not repeat")),
    (patterns.DAILY, _("Every day, or every few days")),
    (patterns.WEEKLY, _("Every week, or every few weeks, on the days you tick")),
    (patterns.MONTHLY, _("Every month, or every few months")),
    (patterns.YEARLY, _("Every year, on the same date")),
    (ADVANCED, _("Another pattern, written as a rule under Advanced")),
]
WEEKDAY_CHOICES = [(code, DAY_NAMES[index]) for index, code in enumerate(recurrence.WEEKDAYS)]
ORDINAL_CHOICES = [
    ("", _("As on the first date")),
    (1, _("First")),
    (2, _("Second")),
    (3, _("Third")),
    (4, _("Fourth")),
    (-1, _("Last")),
]
ENDS_CHOICES = [
    (patterns.NEVER, _("No end date (the calendar shows up to 5 years or 500 dates)")),
    (patterns.UNTIL, _("On a date")),
    (patterns.COUNT, _("After a number of times")),
]


def _range_messages(low, high):
    message = _("Enter a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
    return {"min_value": message, "max_value": message, "invalid": message}


@dataclass
class RepeatSummary:
    """What the edit page shows beside the choices: the rule in words and the next dates."""

    words: str = ""
    next_dates: list = field(default_factory=list)
    problem: str = ""
    kept_as_written: bool = False
    finished: bool = False


class EventPageForm(WagtailAdminPageForm):
    """Repetition from plain choices; each changed date is checked against the series."""

    repeat_frequency = forms.ChoiceField(
        label=_("Repeats"),
        choices=FREQUENCY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial=patterns.NONE,
    )
    repeat_interval = forms.IntegerField(
        label=_("How often"),
        help_text=_(
            "1 for every day, week, month or year; 2 for every other one; "
            "3 with monthly for every quarter."
        ),
        min_value=1,
        max_value=patterns.MAX_INTERVAL,
        required=False,
        initial=1,
        error_messages=_range_messages(1, patterns.MAX_INTERVAL),
    )
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("On these days (weekly)"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    repeat_monthly_by = forms.ChoiceField(
        label=_("Each month (monthly)"),
        choices=[
            (ON_DATE, _("On a date, such as the 12th")),
            (ON_WEEKDAY, _("On a weekday, such as the second Wednesday")),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial=ON_DATE,
    )
    repeat_month_day = forms.IntegerField(
        label=_("Date of the month"),
        help_text=_(
            "12 for the 12th. Leave empty for the first date's. Months without it are skipped."
        ),
        min_value=1,
        max_value=31,
        required=False,
        error_messages=_range_messages(1, 31),
    )
    repeat_week_ordinal = forms.TypedChoiceField(
        label=_("Which one"),
        choices=ORDINAL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    repeat_weekday = forms.ChoiceField(
        label=_("Weekday"),
        choices=[("", _("As on the first date")), *WEEKDAY_CHOICES],
        required=False,
    )
    repeat_ends = forms.ChoiceField(
        label=_("Ends"),
        choices=ENDS_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial=patterns.NEVER,
    )
    repeat_until = forms.DateField(
        label=_("Last date"),
        help_text=_("The series can run until this date, and stops after it."),
        widget=AdminDateInput,
        required=False,
    )
    repeat_count = forms.IntegerField(
        label=_("Number of times"),
        help_text=_("Counting the first date."),
        min_value=1,
        max_value=recurrence.MAX_OCCURRENCES,
        required=False,
        error_messages=_range_messages(1, recurrence.MAX_OCCURRENCES),
    )

    REPEAT_FIELDS = (
        "repeat_frequency",
        "repeat_interval",
        "repeat_weekdays",
        "repeat_monthly_by",
        "repeat_month_day",
        "repeat_week_ordinal",
        "repeat_weekday",
        "repeat_ends",
        "repeat_until",
        "repeat_count",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        self.saved_rule = recurrence.normalise(page.rrule)
        self.saved_first_start = _first_start(page.start_date, page.start_time)
        self.saved_end_time = page.end_time
        self.saved_changes = page.changes()
        if self.saved_first_start is None:
            self.saved_pattern = None if self.saved_rule else Pattern()
        else:
            self.saved_pattern = patterns.from_rule(self.saved_rule, self.saved_first_start)
        for name, value in initial_choices(self.saved_pattern).items():
            self.initial.setdefault(name, value)
        # Set by clean(): the rule and first date the summary describes after a post.
        self.checked_rule = None

    def clean(self):
        cleaned_data = super().clean()
        first_start = _first_start(cleaned_data.get("start_date"), cleaned_data.get("start_time"))
        if self._clean_repeats(cleaned_data, first_start):
            self._check_changed_dates(cleaned_data, first_start)
        return cleaned_data

    def _clean_repeats(self, cleaned_data, first_start):
        """Settle ``rrule`` from the choices or the raw rule; True if it can be expanded."""
        frequency = cleaned_data.get("repeat_frequency") or ""
        raw = recurrence.normalise(cleaned_data.get("rrule", ""))
        raw_changed = raw != self.saved_rule
        choices_changed = any(name in self.changed_data for name in self.REPEAT_FIELDS)
        # A post without the choices (a script, an older form) means the raw rule, too.
        if frequency in ("", ADVANCED) or (raw_changed and not choices_changed):
            if frequency == ADVANCED and not raw:
                self.add_error(
                    "rrule",
                    _("Write the rule here, or choose how often the event repeats under Repeats."),
                )
                return False
            return self._fits(raw, first_start)
        pattern = None if first_start is None else self._pattern(cleaned_data, first_start)
        if pattern is None:
            # The choices' own errors say what to fix; the model must not add a second one.
            cleaned_data["rrule"] = ""
            return False
        rule = patterns.to_rule(pattern, first_start)
        if raw_changed and raw and raw != rule:
            self.add_error(
                "rrule",
                _(
                    "This rule and the choices under Repeats say different things. To keep "
                    "this rule, choose “Another pattern” under Repeats. To use the choices, "
                    "empty this box."
                ),
            )
            cleaned_data["rrule"] = ""
            return False
        try:
            if rule:
                recurrence.check(rule, first_start)
        except recurrence.RecurrenceError as error:
            self.add_error(_field_at_fault(pattern, first_start), str(error))
            cleaned_data["rrule"] = ""
            return False
        cleaned_data["rrule"] = rule
        self.checked_rule = (rule, first_start, cleaned_data.get("end_time"))
        return True

    def _fits(self, rule, first_start):
        if first_start is None:
            return False
        try:
            if rule:
                recurrence.check(rule, first_start)
        except recurrence.RecurrenceError:
            return False  # the model's check puts the rule's own error beside it
        self.checked_rule = (rule, first_start, self.cleaned_data.get("end_time"))
        return True

    def _pattern(self, cleaned_data, first_start):
        """The chosen pattern, or None after adding an error to each choice that is wrong.

        Day choices left empty are taken from the first date.
        """
        if any(name in self.errors for name in self.REPEAT_FIELDS):
            return None
        frequency = cleaned_data["repeat_frequency"]
        if frequency == patterns.NONE:
            return Pattern()
        pattern = Pattern(frequency, cleaned_data.get("repeat_interval") or 1)
        if frequency == patterns.WEEKLY:
            pattern = replace(pattern, weekdays=tuple(cleaned_data.get("repeat_weekdays") or ()))
            if not pattern.weekdays:
                self.add_error("repeat_weekdays", _("Tick at least one day of the week."))
        elif frequency == patterns.MONTHLY and cleaned_data.get("repeat_monthly_by") == ON_WEEKDAY:
            pattern = replace(
                pattern,
                week_ordinal=cleaned_data.get("repeat_week_ordinal")
                or patterns.ordinal_of(first_start),
                weekday=cleaned_data.get("repeat_weekday")
                or recurrence.WEEKDAYS[first_start.weekday()],
            )
        elif frequency == patterns.MONTHLY:
            pattern = replace(
                pattern, month_day=cleaned_data.get("repeat_month_day") or first_start.day
            )
        return self._with_end(pattern, cleaned_data, first_start)

    def _with_end(self, pattern, cleaned_data, first_start):
        ends = cleaned_data.get("repeat_ends") or patterns.NEVER
        until = cleaned_data.get("repeat_until")
        count = cleaned_data.get("repeat_count")
        if ends == patterns.UNTIL and until is None:
            self.add_error("repeat_until", _("Enter the last date, or choose another ending."))
        elif ends == patterns.UNTIL and until < first_start.date():
            self.add_error(
                "repeat_until",
                _("The last date must be on or after the first date, %(date)s.")
                % {"date": govuk_date(first_start)},
            )
        if ends == patterns.COUNT and count is None:
            self.add_error(
                "repeat_count",
                _("Enter how many times it happens, from 1 to %(max)d.")
                % {"max": recurrence.MAX_OCCURRENCES},
            )
        if any(name in self.errors for name in self.REPEAT_FIELDS):
            return None
        return replace(
            pattern,
            ends=ends,
            until=until if ends == patterns.UNTIL else None,
            count=count if ends == patterns.COUNT else None,
        )

    def _check_changed_dates(self, cleaned_data, first_start):
        """Each cancelled or moved date must be one the series has, so a typo cannot silently
        do nothing."""
        formset = self.formsets.get("exceptions")
        if formset is None or not formset.is_valid() or first_start is None:
            return
        rule = cleaned_data.get("rrule", "")
        try:
            starts = recurrence.check(rule, first_start) if rule else [first_start]
        except recurrence.RecurrenceError:
            return  # the rule's own error says what to fix first
        dates = {start.date() for start in starts}
        seen = set()
        for form in formset.forms:
            original = form.cleaned_data.get("original_date")
            if not original or form.cleaned_data.get("DELETE"):
                continue
            if original not in dates:
                form.add_error(
                    "original_date", _("This event does not happen on this date. Check the dates.")
                )
            elif original in seen:
                form.add_error("original_date", _("This date is already changed above."))
            seen.add(original)

    def repeat_summary(self):
        """The rule in words and its next dates: as saved, or as just posted and checked."""
        if self.is_bound and self.checked_rule is None:
            return RepeatSummary(
                problem=_("Put right the problems on this page to see the pattern in words.")
            )
        if self.is_bound:
            rule, first_start, end_time = self.checked_rule
        else:
            rule, first_start, end_time = (
                self.saved_rule,
                self.saved_first_start,
                self.saved_end_time,
            )
        summary = RepeatSummary(kept_as_written=bool(self.saved_rule) and not self.saved_pattern)
        if first_start is None or not rule:
            return summary
        try:
            summary.words = wording.describe(rule, first_start)
        except recurrence.RecurrenceError as error:
            summary.problem = str(error)
            return summary
        summary.next_dates = recurrence.expand(
            first_date=first_start.date(),
            start_time=first_start.time(),
            end_time=end_time or first_start.time(),
            rule=rule,
            changes=self.saved_changes,
            since=timezone.localdate(),
        )[:NEXT_DATES_SHOWN]
        summary.finished = not summary.next_dates
        return summary


def initial_choices(pattern):
    """The form's choices for a saved pattern; Advanced for one they cannot show."""
    if pattern is None:
        return {"repeat_frequency": ADVANCED}
    values = {
        "repeat_frequency": pattern.frequency,
        "repeat_interval": pattern.interval,
        "repeat_ends": pattern.ends,
    }
    if pattern.frequency == patterns.WEEKLY:
        values["repeat_weekdays"] = list(pattern.weekdays)
    if pattern.frequency == patterns.MONTHLY:
        values["repeat_monthly_by"] = ON_WEEKDAY if pattern.on_weekday else ON_DATE
        values["repeat_month_day"] = pattern.month_day
        values["repeat_week_ordinal"] = pattern.week_ordinal
        values["repeat_weekday"] = pattern.weekday or ""
    if pattern.ends == patterns.UNTIL:
        values["repeat_until"] = pattern.until
    if pattern.ends == patterns.COUNT:
        values["repeat_count"] = pattern.count
    return values


def _first_start(start_date, start_time):
    if start_date is None or start_time is None:
        return None
    return datetime.combine(start_date, start_time)


def _field_at_fault(pattern, first_start):
    """Where the check's message belongs: the ending if the pattern fits with one date."""
    if pattern.ends == patterns.NEVER:
        return "repeat_frequency"
    first_only = replace(pattern, ends=patterns.COUNT, until=None, count=1)
    try:
        recurrence.check(patterns.to_rule(first_only, first_start), first_start)
    except recurrence.RecurrenceError:
        return "repeat_frequency"
    return "repeat_until" if pattern.ends == patterns.UNTIL else "repeat_count"
