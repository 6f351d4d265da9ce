"""The RAG rule, as a table: every boundary the officers' guide describes."""

import datetime

import pytest

from involvement_pages.action_plans import rag

START = datetime.date(2025, 4, 1)
TARGET = datetime.date(2025, 4, 11)  # a 10-day span: 10% a day
D = datetime.timedelta


@pytest.mark.parametrize(
    ("today", "target", "percent", "expected"),
    [
        # Before the plan starts: not rated, unless it is already done.
        (START - D(1), TARGET, 0, rag.NOT_STARTED),
        (START - D(1), TARGET, 100, rag.DONE),
        # On the start day nothing is expected yet.
        (START, TARGET, 0, rag.ON_TRACK),
        # 3 of 10 days gone: 30% is on track, 29% is behind.
        (START + D(3), TARGET, 30, rag.ON_TRACK),
        (START + D(3), TARGET, 29, rag.BEHIND),
        (START + D(3), TARGET, 0, rag.BEHIND),
        # On the target day itself: not late yet, but anything short of 100% is behind.
        (TARGET, TARGET, 99, rag.BEHIND),
        (TARGET, TARGET, 100, rag.DONE),
        # The day after the target: red unless done.
        (TARGET + D(1), TARGET, 99, rag.PAST_TARGET),
        (TARGET + D(1), TARGET, 0, rag.PAST_TARGET),
        (TARGET + D(400), TARGET, 100, rag.DONE),
        # No target date: nothing to be behind.
        (START + D(3), None, 50, rag.NO_TARGET),
        (START + D(3), None, 100, rag.DONE),
        # A target on the start day: only done counts as on track.
        (START, START, 50, rag.BEHIND),
        # A target before the plan's start (a typing slip) that has passed is red.
        (START + D(1), START - D(5), 50, rag.PAST_TARGET),
    ],
)
def test_rag_status(today, target, percent, expected):
    assert rag.rag_status(plan_start=START, target=target, percent_done=percent, today=today) == (
        expected
    )


def test_colours_of_each_status():
    assert [s.colour for s in (rag.DONE, rag.ON_TRACK)] == [rag.GREEN, rag.GREEN]
    assert rag.BEHIND.colour == rag.AMBER
    assert rag.PAST_TARGET.colour == rag.RED
    assert rag.NOT_STARTED.colour == rag.NO_TARGET.colour == rag.NONE
    assert str(rag.PAST_TARGET.colour_label) == "Red"
