import datetime

import pytest

from importers.columns import Column, match_headers
from importers.values import parse_date, parse_yes_no, split_list, text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31/01/2026", datetime.date(2026, 1, 31)),
        ("1/2/26", datetime.date(2026, 2, 1)),
        ("1/2/99", datetime.date(1999, 2, 1)),
        ("2026-01-31", datetime.date(2026, 1, 31)),
        ("45678", datetime.date(2025, 1, 21)),
        (datetime.date(2024, 2, 29), datetime.date(2024, 2, 29)),
        ("", None),
    ],
)
def test_dates_people_write(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/2026", "not a real date"),
        ("12/31/2026", "looks like month/day order"),
        ("next Tuesday", "is not a date"),
    ],
)
def test_impossible_or_american_dates_are_refused_not_guessed(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Y", True), ("yes", True), ("TRUE", True), ("1", True), ("x", True), ("N", False),
     ("No", False), ("false", False), ("0", False), ("", None)],
)  # fmt: skip
def test_yes_no(raw, expected):
    assert parse_yes_no(raw) is expected


def test_text_undoes_our_formula_escaping_and_drops_controls():
    assert text('\'=HYPERLINK("x")') == '=HYPERLINK("x")'
    assert text("  Ann\x00 \u202eExample  ") == "Ann Example"


def test_lists_split_on_semicolons_bars_and_line_breaks():
    assert split_list("Repairs; Rent|Estates\nGardens") == ["Repairs", "Rent", "Estates", "Gardens"]


def test_headers_match_whatever_the_case_spacing_punctuation_or_synonym():
    columns = [
        Column("legacy_reference", "Reference", ("Ref",), required=True),
        Column("postcode", "Postcode", ("Post code",)),
        Column("name", "Full name", ("Surname",), required=True),
    ]
    match = match_headers(["REF", " post-code ", "D.O.B.", "surname"], columns)
    assert match.positions == {"legacy_reference": 0, "postcode": 1, "name": 3}
    assert match.unknown == ["D.O.B."]
    assert match.errors == []


def test_a_missing_required_column_and_the_same_column_twice_are_reported():
    columns = [
        Column("legacy_reference", "Reference", ("Ref",), required=True),
        Column("postcode", "Postcode", ("Post code",)),
        Column("name", "Full name", required=True),
    ]
    match = match_headers(["Postcode", "Post Code"], columns)
    assert match.positions == {"postcode": 0}
    assert match.unknown == ["Post Code"]
    assert match.columns[1].note.startswith("This looks like Postcode too, which column A")
    assert match.errors == [
        "Choose which column holds the Reference.",
        "Choose which column holds the Full name.",
    ]
