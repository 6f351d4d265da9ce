from datetime import datetime

import pytest

from involvement_pages.calendar.recurrence import RecurrenceError
from involvement_pages.calendar.wording import describe


@pytest.mark.parametrize(
    ("rule", "first_start", "words"),
    [
        (
            "FREQ=MONTHLY;BYDAY=2WE;COUNT=12",
            datetime(2027, 1, 13, 18),
            "Every second Wednesday of the month, 12 times, until 8 December 2027",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
            datetime(2027, 1, 29, 18),
            "Every last Friday of the month, 3 times, until 26 March 2027",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-2MO;COUNT=2",
            datetime(2027, 1, 18, 18),
            "Every second to last Monday of the month, 2 times, until 15 February 2027",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE;COUNT=4",
            datetime(2027, 1, 20, 18),
            "Every 3 months on the third Wednesday, 4 times, until 20 October 2027",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1MO,3MO;COUNT=4",
            datetime(2027, 1, 4, 18),
            "Every first Monday and third Monday of the month, 4 times, until 15 February 2027",
        ),
        (
            "FREQ=WEEKLY;BYDAY=SA;UNTIL=20270227",
            datetime(2027, 1, 2, 10),
            "Every Saturday, 9 times, until 27 February 2027",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270331",
            datetime(2027, 1, 12, 18),
            "Every 2 weeks on Tuesday, 6 times, until 23 March 2027",
        ),
        (
            "FREQ=WEEKLY;BYDAY=FR,MO,WE;COUNT=6",
            datetime(2027, 1, 11, 10),
            "Every Monday, Wednesday and Friday, 6 times, until 22 January 2027",
        ),
        (
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10",
            datetime(2027, 1, 11, 9),
            "Every weekday (Monday to Friday), 10 times, until 22 January 2027",
        ),
        (
            "FREQ=WEEKLY;COUNT=3",
            datetime(2027, 1, 12, 18),
            "Every Tuesday, 3 times, until 26 January 2027",
        ),
        (
            "FREQ=DAILY;COUNT=3",
            datetime(2027, 3, 9, 10),
            "Every day, 3 times, until 11 March 2027",
        ),
        (
            "FREQ=DAILY;INTERVAL=2;COUNT=3",
            datetime(2027, 3, 9, 10),
            "Every 2 days, 3 times, until 13 March 2027",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12",
            datetime(2027, 1, 15, 18),
            "Every month on the 15th, 12 times, until 15 December 2027",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1,22;COUNT=4",
            datetime(2027, 1, 1, 18),
            "Every month on the 1st and 22nd, 4 times, until 22 February 2027",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3",
            datetime(2027, 1, 31, 18),
            "Every month on the last day, 3 times, until 31 March 2027",
        ),
        (
            # Months without a 31st are skipped, as the hint on the form says.
            "FREQ=MONTHLY;COUNT=3",
            datetime(2027, 1, 31, 18),
            "Every month on the 31st, 3 times, until 31 May 2027",
        ),
        (
            "FREQ=YEARLY;COUNT=3",
            datetime(2027, 3, 12, 18),
            "Every year on 12 March, 3 times, until 12 March 2029",
        ),
        (
            "FREQ=YEARLY;INTERVAL=2;COUNT=2",
            datetime(2027, 3, 12, 18),
            "Every 2 years on 12 March, 2 times, until 12 March 2029",
        ),
        (
            "FREQ=YEARLY;BYMONTH=4,7,11;BYDAY=4TU;COUNT=3",
            datetime(2027, 4, 27, 18),
            "Every year on the fourth Tuesday of April, July and November, 3 times, "
            "until 23 November 2027",
        ),
        (
            "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;COUNT=11",
            datetime(2027, 1, 12, 18),
            "Every second Tuesday of the month, except in August, 11 times, until 14 December 2027",
        ),
        (
            "FREQ=WEEKLY;BYDAY=WE;BYMONTH=3,4;COUNT=3",
            datetime(2027, 3, 3, 18),
            "Every Wednesday, in March and April only, 3 times, until 17 March 2027",
        ),
        (
            # Yearly with no months: dateutil reads the weekday as the nth of the year...
            "FREQ=YEARLY;BYDAY=20MO;COUNT=2",
            datetime(2027, 5, 17, 18),
            "Every year on the 20th Monday of the year, 2 times, until 15 May 2028",
        ),
        (
            # ...and a date of the month as that date in every month.
            "FREQ=YEARLY;BYMONTHDAY=12;COUNT=3",
            datetime(2027, 1, 12, 18),
            "Every month on the 12th, 3 times, until 12 March 2027",
        ),
        (
            "FREQ=MONTHLY;COUNT=1",
            datetime(2027, 1, 12, 18),
            "Every month on the 12th, once, on 12 January 2027",
        ),
    ],
)
def test_a_rule_reads_as_plain_english(rule, first_start, words):
    assert describe(rule, first_start) == words


def test_count_and_until_give_the_same_words_for_the_same_dates():
    first = datetime(2027, 1, 13, 18)

    by_count = describe("FREQ=MONTHLY;BYDAY=2WE;COUNT=3", first)
    by_until = describe("FREQ=MONTHLY;BYDAY=2WE;UNTIL=20270331", first)

    assert (
        by_count == by_until == "Every second Wednesday of the month, 3 times, until 10 March 2027"
    )


def test_until_names_the_last_date_the_event_happens_not_the_limit_typed():
    words = describe("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270131", datetime(2027, 1, 2, 10))

    assert words.endswith("5 times, until 30 January 2027")


def test_no_rule_has_no_words():
    assert describe("", datetime(2027, 1, 2, 10)) == ""
    assert describe("  ", datetime(2027, 1, 2, 10)) == ""


def test_a_rule_the_calendar_refuses_raises_its_own_error():
    with pytest.raises(RecurrenceError, match="Say when the series ends"):
        describe("FREQ=WEEKLY;BYDAY=SA", datetime(2027, 1, 2, 10))
