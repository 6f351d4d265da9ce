import pytest

from forms.spreadsheet import escape_formula, unescape_formula


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil.example","Click")', "+44 1632", "-1+1", "@SUM(A1)", "\tx", "\rx"],
)
def test_cells_a_spreadsheet_would_run_are_prefixed_and_come_back_unchanged(cell):
    escaped = escape_formula(cell)
    assert escaped == "'" + cell
    assert unescape_formula(escaped) == cell


@pytest.mark.parametrize("cell", ["Ada Example", "", "07700900123", 42, -3, None, "'quoted"])
def test_ordinary_cells_are_left_alone(cell):
    assert escape_formula(cell) == cell
    assert unescape_formula(cell) == cell
