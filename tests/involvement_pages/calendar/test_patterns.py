from datetime import date, datetime, timedelta

import pytest

from involvement_pages.calendar import patterns, recurrence
from involvement_pages.calendar.patterns import Pattern, from_rule, to_rule

# Tuesday 12 January 2027 at 17:30, the second Tuesday of the month.
TUESDAY = datetime(2027, 1, 12, 17, 30)


@pytest.mark.parametrize(
    ("pattern", "first_start", "rule"),
    [
        (Pattern("daily", ends="count", count=3), TUESDAY, "FREQ=DAILY;COUNT=3"),
        (
            Pattern("daily", interval=2, ends="until", until=date(2027, 1, 20)),
            TUESDAY,
            "FREQ=DAILY;INTERVAL=2;UNTIL=20270120",
        ),
        (
            Pattern("weekly", weekdays=("TU", "TH"), ends="count", count=10),
            TUESDAY,
            "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10",
        ),
        (
            Pattern("weekly", interval=2, weekdays=("TU",), ends="until", until=date(2027, 12, 31)),
            TUESDAY,
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271231",
        ),
        (
            Pattern("monthly", month_day=12, ends="count", count=12),
            TUESDAY,
            "FREQ=MONTHLY;BYMONTHDAY=12;COUNT=12",
        ),
        (
            Pattern("monthly", week_ordinal=2, weekday="TU", ends="count", count=11),
            TUESDAY,
            "FREQ=MONTHLY;BYDAY=2TU;COUNT=11",
        ),
        (
            Pattern("monthly", interval=3, week_ordinal=-1, weekday="FR", ends="count", count=4),
            datetime(2027, 1, 29, 18),
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=4",
        ),
        (Pattern("yearly", ends="count", count=3), TUESDAY, "FREQ=YEARLY;COUNT=3"),
        (Pattern(), TUESDAY, ""),
    ],
)
def test_choices_make_a_rule_that_reads_back_as_the_same_choices(pattern, first_start, rule):
    assert to_rule(pattern, first_start) == rule
    assert from_rule(rule, first_start) == pattern
    if rule:
        assert recurrence.check(rule, first_start)[0] == first_start


def test_no_end_runs_five_years_for_a_monthly_meeting():
    pattern = Pattern("monthly", week_ordinal=2, weekday="TU")

    rule = to_rule(pattern, TUESDAY)

    assert rule == "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20320112"
    starts = recurrence.check(rule, TUESDAY)
    # The second Tuesday of January 2032 is the 13th, a day past five years: 60 dates.
    assert len(starts) == 60
    assert starts[-1] == datetime(2031, 12, 9, 17, 30)
    assert from_rule(rule, TUESDAY) == pattern


def test_no_end_stops_at_500_dates_for_a_daily_event():
    pattern = Pattern("daily")

    rule = to_rule(pattern, TUESDAY)

    starts = recurrence.check(rule, TUESDAY)
    assert len(starts) == recurrence.MAX_OCCURRENCES
    assert rule == f"FREQ=DAILY;UNTIL={starts[-1]:%Y%m%d}"
    assert starts[-1].date() == TUESDAY.date() + timedelta(days=499)
    assert from_rule(rule, TUESDAY).ends == patterns.NEVER


def test_an_ending_date_just_short_of_the_limit_reads_back_as_that_date():
    rule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20320111"

    assert from_rule(rule, TUESDAY) == Pattern(
        "monthly", week_ordinal=2, weekday="TU", ends="until", until=date(2032, 1, 11)
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # dateutil fills in what the rule leaves out from the first date; so do the choices.
        ("FREQ=WEEKLY;COUNT=4", Pattern("weekly", weekdays=("TU",), ends="count", count=4)),
        ("FREQ=MONTHLY;COUNT=4", Pattern("monthly", month_day=12, ends="count", count=4)),
        (
            "rrule: freq=weekly; byday=th,tu; count=4",
            Pattern("weekly", weekdays=("TU", "TH"), ends="count", count=4),
        ),
        # An UNTIL with a time before the meeting's leaves that day out.
        (
            "FREQ=DAILY;UNTIL=20270115T090000",
            Pattern("daily", ends="until", until=date(2027, 1, 14)),
        ),
        (
            "FREQ=DAILY;UNTIL=20270115T173000Z",
            Pattern("daily", ends="until", until=date(2027, 1, 15)),
        ),
        (
            "FREQ=WEEKLY;WKST=MO;BYDAY=TU;COUNT=2",
            Pattern("weekly", weekdays=("TU",), ends="count", count=2),
        ),
    ],
)
def test_rules_written_by_hand_read_back_as_choices(rule, expected):
    assert from_rule(rule, TUESDAY) == expected


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;COUNT=11",  # all but August
        "FREQ=YEARLY;BYMONTH=4,7,11;BYDAY=4TU;COUNT=3",
        "FREQ=MONTHLY;BYMONTHDAY=12,26;COUNT=4",
        "FREQ=MONTHLY;BYMONTHDAY=-20;COUNT=4",
        "FREQ=MONTHLY;BYDAY=2TU,4TU;COUNT=4",
        "FREQ=MONTHLY;BYDAY=TU;COUNT=4",
        "FREQ=YEARLY;BYMONTHDAY=12;COUNT=4",
        "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=TU;COUNT=2",
        "FREQ=DAILY;BYDAY=TU,WE;COUNT=4",
        "FREQ=MONTHLY;BYDAY=2TU",  # no end: the calendar refuses it
        "FREQ=HOURLY;COUNT=3",
        "not a rule",
    ],
)
def test_a_rule_the_choices_cannot_make_has_no_pattern(rule):
    assert from_rule(rule, TUESDAY) is None


def test_a_fifth_weekday_counts_as_the_last():
    assert patterns.ordinal_of(date(2027, 1, 29)) == -1
    assert patterns.ordinal_of(date(2027, 1, 28)) == 4
    assert patterns.ordinal_of(date(2027, 1, 1)) == 1


def test_monthly_choices_left_empty_come_from_the_first_date():
    assert to_rule(Pattern("monthly", ends="count", count=2), TUESDAY) == (
        "FREQ=MONTHLY;BYMONTHDAY=12;COUNT=2"
    )
    assert to_rule(Pattern("monthly", week_ordinal=2, ends="count", count=2), TUESDAY) == (
        "FREQ=MONTHLY;BYDAY=2TU;COUNT=2"
    )
