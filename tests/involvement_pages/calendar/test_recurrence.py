import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

from involvement_pages.calendar import recurrence
from involvement_pages.calendar.recurrence import Change, RecurrenceError, check, expand


def weekly_six_pm(first, count, **kwargs):
    return expand(
        first_date=first,
        start_time=time(18),
        end_time=time(20),
        rule=f"FREQ=WEEKLY;COUNT={count}",
        **kwargs,
    )


def test_weekly_meeting_stays_at_six_pm_london_time_across_both_clock_changes():
    # 2027: clocks go forward on 28 March and back on 31 October.
    spring = weekly_six_pm(date(2027, 3, 23), 3)
    autumn = weekly_six_pm(date(2027, 10, 26), 3)

    for occurrence in spring + autumn:
        assert occurrence.local_start.time() == time(18)
        assert occurrence.local_end.time() == time(20)
    assert [o.start.utcoffset() for o in spring] == [
        timedelta(0),
        timedelta(hours=1),
        timedelta(hours=1),
    ]
    assert [o.start.utcoffset() for o in autumn] == [
        timedelta(hours=1),
        timedelta(0),
        timedelta(0),
    ]
    # The same meeting is an hour earlier in UTC after the clocks go forward.
    assert [o.start.astimezone(recurrence.ZoneInfo("UTC")).hour for o in spring] == [18, 17, 17]


def test_monthly_second_tuesday_skipping_august():
    dates = [
        o.original_date
        for o in expand(
            first_date=date(2027, 7, 13),
            start_time=time(17, 30),
            end_time=time(19, 30),
            rule="FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;COUNT=3",
        )
    ]
    assert dates == [date(2027, 7, 13), date(2027, 9, 14), date(2027, 10, 12)]


def test_cancelled_occurrence_stays_in_the_list_marked_cancelled():
    occurrences = weekly_six_pm(
        date(2027, 3, 2),
        3,
        changes=[Change(date(2027, 3, 9), cancelled=True, note="The venue is closed")],
    )

    assert [(o.original_date.day, o.status) for o in occurrences] == [
        (2, "scheduled"),
        (9, "cancelled"),
        (16, "scheduled"),
    ]
    assert occurrences[1].note == "The venue is closed"


def test_moved_occurrence_appears_at_its_new_time_and_keeps_its_original_date():
    occurrences = weekly_six_pm(
        date(2027, 3, 2),
        3,
        changes=[Change(date(2027, 3, 9), new_date=date(2027, 3, 18), new_start_time=time(10))],
    )

    moved = occurrences[-1]
    assert moved.moved
    assert moved.original_date == date(2027, 3, 9)
    assert moved.local_start == datetime(2027, 3, 18, 10)
    assert moved.local_end == datetime(2027, 3, 18, 12)  # the same two hours
    assert moved.local_original_start == datetime(2027, 3, 9, 18)
    assert [o.original_date.day for o in occurrences] == [2, 16, 9]  # in time order


def test_window_keeps_occurrences_by_their_actual_date():
    changes = [Change(date(2027, 3, 2), new_date=date(2027, 4, 1))]
    occurrences = weekly_six_pm(
        date(2027, 3, 2), 5, changes=changes, since=date(2027, 3, 20), until=date(2027, 4, 1)
    )

    assert [o.local_start.date() for o in occurrences] == [
        date(2027, 3, 23),
        date(2027, 3, 30),
        date(2027, 4, 1),
    ]


def test_event_without_a_rule_has_one_occurrence():
    [only] = expand(first_date=date(2027, 5, 8), start_time=time(10), end_time=time(14))
    assert only.local_start == datetime(2027, 5, 8, 10)
    assert only.local_end == datetime(2027, 5, 8, 14)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=MONTHLY", "Say when the series ends"),
        ("FREQ=MONTHLY;COUNT=3;UNTIL=20271231", "but not both"),
        ("FREQ=HOURLY;COUNT=3", "Start with FREQ=DAILY"),
        ("FREQ=MONTHLY;COUNT=100000", "COUNT must be from 1 to 500"),
        ("FREQ=MONTHLY;COUNT=abc", "whole number"),
        ("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2;COUNT=2", "never happens"),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTH=6;COUNT=2", "never happens"),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO;COUNT=2", "every few days"),
        ("FREQ=WEEKLY;BYDAY=2TU;COUNT=2", "need FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=XX;COUNT=2", "BYDAY uses"),
        ("FREQ=MONTHLY;BYSETPOS=2;COUNT=2", "BYSETPOS is not supported"),
        ("FREQ=MONTHLY;BYDAY=1MO;COUNT=2", "does not fit the pattern"),
        ("FREQ=YEARLY;COUNT=20", "at most 5 years"),
        ("FREQ=WEEKLY;UNTIL=next-year", "Write UNTIL as a date"),
        ("FREQ=WEEKLY;UNTIL=20260101", "before the start date"),
        ("COUNT", "is not a rule part"),
    ],
)
def test_rules_editors_must_correct(rule, message):
    with pytest.raises(RecurrenceError, match=message):
        check(rule, datetime(2027, 1, 12, 17, 30))  # a Tuesday


def test_until_as_a_date_includes_that_day():
    starts = check("RRULE:FREQ=weekly; UNTIL=20270126", datetime(2027, 1, 12, 17, 30))
    assert [s.day for s in starts] == [12, 19, 26]


def test_rule_that_slipped_past_the_checks_shows_only_the_first_date():
    # An import could store a rule without an end; it must never be expanded for ever.
    [only] = expand(
        first_date=date(2027, 1, 12), start_time=time(18), end_time=time(19), rule="FREQ=DAILY"
    )
    assert only.local_start == datetime(2027, 1, 12, 18)


def test_every_rule_in_the_editors_guide_is_accepted():
    guide = (Path(__file__).resolve().parents[3] / "docs" / "editing.md").read_text()
    rules = re.findall(r"`(FREQ=[^`]+)`", guide)
    assert len(rules) >= 10
    for rule in rules:
        # Start each on the first date its pattern gives from 1 January 2027.
        first = next(iter(rrulestr(rule, dtstart=datetime(2027, 1, 1, 18))))
        assert check(rule, first)[0] == first
