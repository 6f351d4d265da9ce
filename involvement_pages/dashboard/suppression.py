"""Small numbers protected wherever equality figures appear: screens, CSV and reports.

A count under ``SMALLEST_SHOWN`` is shown as "fewer than 5", and no breakdown at all is
given for fewer than ``SMALLEST_BREAKDOWN`` people, so nobody can be picked out of a table
of who takes part.

Hiding a small count is not enough when the total is shown: with one cell hidden in a row
or column, the total minus the cells shown gives it back. So a second cell in that line is
hidden too (secondary suppression), the smallest one left that is not zero: a hidden zero
beside a hidden 1 would add up to 1 and give the 1 away. Cells hidden this way show
``NOT_SHOWN``, not "fewer than 5", which would be untrue of them.

Every function here is pure (numbers in, numbers or words out), so the dashboard, its CSV
downloads and the public annual report protect figures the same way.
"""

from django.utils.translation import gettext_lazy as _

SMALLEST_SHOWN = 5
SMALLEST_BREAKDOWN = 25
FEWER_THAN = _("fewer than 5")
NOT_SHOWN = _("not shown")
TOO_FEW_FOR_BREAKDOWN = _(
    "Fewer than 25 people were involved, so no breakdown is shown: with so few, someone "
    "could be recognised from it."
)
HIDDEN_NOTE = _(
    '"Fewer than 5" stands for 1 to 4 people. "Not shown" hides a larger number so that a '
    "small one cannot be worked out from the total."
)

# What each cell of a protected line became.
SHOWN, SMALL, SECONDARY = "shown", "small", "secondary"


def protect_count(count):
    """The count itself, or the words that hide it when it is under ``SMALLEST_SHOWN``."""
    if is_small(count):
        return FEWER_THAN
    return count


def is_small(count):
    """True for 1 to 4: a count that could point to someone. Zero and None are not small."""
    return count is not None and 0 < count < SMALLEST_SHOWN


def breakdown_allowed(people):
    """True when ``people`` (how many the breakdown is about) is enough to break down."""
    return people is not None and people >= SMALLEST_BREAKDOWN


def protect_grid(grid, row_totals=True, column_totals=True):
    """How each cell of ``grid`` is to be shown: a grid of ``SHOWN``, ``SMALL``, ``SECONDARY``.

    ``grid`` is a list of rows of counts (None for a cell that does not exist, which is
    never hidden and never counts). ``row_totals`` and ``column_totals`` say whether each
    row's or column's total is shown beside the grid; only then can subtraction reveal a
    cell, so only then is a second cell hidden. A line where secondary suppression hides
    a cell may leave another line with a single hidden cell, so this repeats until every
    line with a shown total has no hidden cell or at least two.
    """
    marks = [[SMALL if is_small(cell) else SHOWN for cell in row] for row in grid]
    lines = []
    if row_totals:
        lines += [[(r, c) for c in range(len(row))] for r, row in enumerate(grid)]
    if column_totals:
        width = max((len(row) for row in grid), default=0)
        lines += [[(r, c) for r, row in enumerate(grid) if c < len(row)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            cells = [(r, c) for r, c in line if grid[r][c] is not None]
            hidden = [(r, c) for r, c in cells if marks[r][c] != SHOWN]
            if len(hidden) != 1:
                continue
            partner = _next_smallest(grid, marks, cells)
            if partner is not None:
                marks[partner[0]][partner[1]] = SECONDARY
                changed = True
    return marks


def _next_smallest(grid, marks, cells):
    """The cell to hide beside a lone hidden one: the smallest shown count above zero.

    If every other cell is zero, the zeros go too: a shown zero beside a hidden cell lets
    the total give that cell away just as well as any other shown number.
    """
    shown = [(r, c) for r, c in cells if marks[r][c] == SHOWN]
    above_zero = [(r, c) for r, c in shown if grid[r][c] > 0]
    if above_zero:
        return min(above_zero, key=lambda rc: (grid[rc[0]][rc[1]], rc))
    return shown[0] if shown else None


def protect_column(counts, total_shown=True):
    """[mark] for a single column of counts whose total is (or is not) shown beneath it."""
    marks = protect_grid([[count] for count in counts], row_totals=False, column_totals=total_shown)
    return [row[0] for row in marks]


def show(count, mark):
    """What a cell displays: the count, or the words (plain text) standing in for it."""
    if mark == SMALL:
        return str(FEWER_THAN)
    if mark == SECONDARY:
        return str(NOT_SHOWN)
    return count


def protected_column(counts, total_shown=True):
    """The cells of one column as they may be shown, small counts and their partners hidden."""
    return [
        show(count, mark)
        for count, mark in zip(counts, protect_column(counts, total_shown), strict=True)
    ]
