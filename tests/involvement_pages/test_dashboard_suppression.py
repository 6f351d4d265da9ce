"""Small numbers are hidden, and hidden numbers cannot be worked out from a shown total."""

import pytest

from involvement_pages.dashboard.suppression import (
    FEWER_THAN,
    NOT_SHOWN,
    SECONDARY,
    SHOWN,
    SMALL,
    breakdown_allowed,
    protect_column,
    protect_count,
    protect_grid,
    protected_column,
)


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, FEWER_THAN), (4, FEWER_THAN), (5, 5), (24, 24), (25, 25), (None, None)],
)
def test_a_count_under_5_shows_fewer_than_5(count, shown):
    assert protect_count(count) == shown


@pytest.mark.parametrize(("people", "allowed"), [(4, False), (5, False), (24, False), (25, True)])
def test_a_breakdown_needs_25_people(people, allowed):
    assert breakdown_allowed(people) is allowed


def test_no_breakdown_when_nobody_was_counted():
    assert breakdown_allowed(None) is False
    assert breakdown_allowed(0) is False


def test_a_column_with_no_small_count_is_shown_whole():
    assert protected_column([12, 7, 5, 0]) == [12, 7, 5, 0]


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it():
    # Total 30 is shown: with only the 3 hidden, 30 - 12 - 9 - 6 would give it back.
    assert protected_column([12, 9, 3, 6]) == [12, 9, FEWER_THAN, NOT_SHOWN]


def test_the_total_cannot_reveal_the_hidden_cell():
    counts = [12, 9, 3, 6]
    shown = protected_column(counts)
    visible = sum(cell for cell in shown if isinstance(cell, int))
    hidden = sum(counts) - visible
    # Two cells share what is left (9), so the 3 could be anything from 1 to 4.
    assert hidden == 9
    assert [cell for cell in shown if not isinstance(cell, int)] == [FEWER_THAN, NOT_SHOWN]


def test_two_small_cells_protect_each_other():
    assert protected_column([20, 2, 3]) == [20, FEWER_THAN, FEWER_THAN]


def test_a_zero_is_not_the_partner_while_a_larger_count_is_left():
    # Hiding the 0 beside the 1 would leave 1 hidden in all: the 1 given away.
    assert protect_column([1, 0, 24]) == [SMALL, SHOWN, SECONDARY]


def test_zeros_are_hidden_when_nothing_else_is_left():
    assert protect_column([3, 0]) == [SMALL, SECONDARY]


def test_without_a_shown_total_a_small_cell_hides_alone():
    assert protected_column([12, 9, 3, 6], total_shown=False) == [12, 9, FEWER_THAN, 6]


def test_missing_cells_are_never_hidden_nor_partners():
    assert protected_column([None, 3, 40]) == [None, FEWER_THAN, NOT_SHOWN]


def test_hiding_in_a_column_spreads_to_the_rows_it_leaves_with_one_hidden_cell():
    # Column 0 hides the 2 and then the 6 beside it; row 1 then has the 6 hidden alone,
    # so its next smallest (the 8) goes; column 1 then has the 8 alone, so the 10 goes.
    grid = [
        [2, 10, 30],
        [6, 8, 40],
        [20, 11, 50],
    ]
    marks = protect_grid(grid)
    for line in marks + [list(col) for col in zip(*marks, strict=True)]:
        assert sum(mark != SHOWN for mark in line) != 1
    assert marks[0][0] == SMALL


def test_every_line_of_a_grid_with_totals_has_no_lone_hidden_cell():
    grid = [[1, 7, 9, 30], [12, 3, 25, 6], [0, 14, 2, 8]]
    marks = protect_grid(grid)
    for line in marks + [list(col) for col in zip(*marks, strict=True)]:
        assert sum(mark != SHOWN for mark in line) != 1
    for r, row in enumerate(grid):
        for c, count in enumerate(row):
            if 0 < count < 5:
                assert marks[r][c] == SMALL
