import pytest

from forms.normalise import (
    normalise_email,
    normalise_phone,
    normalise_postcode,
    parse_boolean,
)
from involvement_pages.text import clean_text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900 123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+44 (0)7700 900123", "07700900123"),
        ("0044 7700 900 123", "07700900123"),
        ("(01632) 960-001", "01632960001"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_one_way(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "call me", "07700 900 123 456 789", "+1"])
def test_impossible_phone_numbers_are_refused_in_plain_english(typed):
    with pytest.raises(ValueError, match="Enter a phone number, like"):
        normalise_phone(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("ts11aa", "TS1 1AA"), (" TS1  1AA ", "TS1 1AA"), ("sw1a1aa", "SW1A 1AA"), ("", "")],
)
def test_postcodes_are_upper_case_with_one_space(typed, stored):
    assert normalise_postcode(typed) == stored


def test_a_postcode_that_cannot_exist_is_refused():
    with pytest.raises(ValueError, match="Enter a real postcode"):
        normalise_postcode("TS1")


def test_emails_are_trimmed_and_lower_cased():
    assert normalise_email("  Ada.Example@Example.COM ") == "ada.example@example.com"


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        *[("Y", True), ("yes", True), ("TRUE", True), ("1", True), ("x", True), (1, True)],
        *[("N", False), ("No", False), ("false", False), ("0", False), (0, False)],
        *[("", None), (None, None), ("  ", None)],
    ],
)
def test_yes_and_no_in_the_ways_spreadsheets_write_them(typed, answer):
    assert parse_boolean(typed) is answer


def test_an_unknown_yes_no_answer_is_refused():
    with pytest.raises(ValueError, match="Use Yes or No"):
        parse_boolean("maybe")


def test_control_and_direction_characters_are_removed_but_emoji_and_accents_kept():
    typed = "Siobh\u00e1n\x00 \u202eZo\u00eb \U0001f44d\u200d"
    assert clean_text(typed) == "Siobh\u00e1n Zo\u00eb \U0001f44d\u200d"


def test_multiline_text_keeps_its_line_breaks():
    assert clean_text("line one\r\nline two", multiline=True) == "line one\nline two"
