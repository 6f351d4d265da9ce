"""Headers matched to fields by what they mean, as legacy systems and people write them.

Each case is a header seen in landlords' exports (or typed by an officer), and the field it
must fill, or "" where it must be listed as not imported. What the register does not hold
(a title, a National Insurance number) is named, never guessed into another field.
"""

import pytest

from importers.columns import (
    Column,
    choices_by_header,
    column_letter,
    header_key,
    header_signature,
    match_headers,
    words,
)
from importers.resources import RESOURCES


def matched(resource, *headers, chosen=None):
    """{header: field or ""} for a file with these headers."""
    cls = RESOURCES[resource]
    match = match_headers(
        list(headers), cls.columns, chosen=chosen, key_field=cls.key, record_words=cls.record_words
    )
    return {c.header: c.field for c in match.columns}


def alone(resource, header):
    """The field one header fills when it is the only column of its kind in the file."""
    return matched(resource, header)[header]


PEOPLE = [
    ("Legacy Ref", "legacy_reference"),
    ("Customer Reference Number", "legacy_reference"),
    ("Cust Ref No", "legacy_reference"),
    ("CUST_REF", "legacy_reference"),
    ("customerRefNo", "legacy_reference"),
    ("Tenant No.", "legacy_reference"),
    ("Person ID", "legacy_reference"),
    ("Member Number", "legacy_reference"),
    ("Northgate Ref", "legacy_reference"),
    ("Ref No", "legacy_reference"),
    ("Full Name", "name"),
    ("Tenant Name", "name"),
    ("Customer Name", "name"),
    ("Forename", "first_name"),
    ("First name", "first_name"),
    ("Forename(s)", "first_name"),
    ("Surname", "last_name"),
    ("Family Name", "last_name"),
    ("Email address", "email"),
    ("E-mail", "email"),
    ("EMAIL_ADDRESS", "email"),
    ("Tenant Email", "email"),
    ("Tel No", "phone"),
    ("Tel. No.", "phone"),
    ("Telephone Number", "phone"),
    ("Phone", "phone"),
    ("Contact No", "phone"),
    ("Address Line 1", "address"),
    ("Addr 1", "address"),
    ("Post Code", "postcode"),
    ("POSTCODE", "postcode"),
    ("post_code", "postcode"),
    ("Tenure Type", "tenure"),
    ("Tenancy Type", "tenure"),
    ("Patch", "area"),
    ("Estate", "area"),
    ("Date Registered", "date_joined"),
    ("Joined", "date_joined"),
    ("Active?", "is_active"),
    ("Preferred Language", "language"),
    ("Comms Needs", "communication_needs"),
    ("Ethnic Origin", "ethnicity"),
    ("Sex", "gender"),
    ("Disabled?", "disability"),
    ("Age Group", "age_band"),
    ("Consent Date", "consent_given_at"),
    ("Home Tel", "landline"),
    ("Tel (home)", "landline"),
    ("Home Telephone No", "landline"),
    ("Mobile", "mobile"),
    ("Mob.", "mobile"),
    ("Mobile No", "mobile"),
    ("D.O.B.", "date_of_birth"),
    ("Date of Birth", "date_of_birth"),
    ("DateOfBirth", "date_of_birth"),
    ("Birth date", "date_of_birth"),
    # Communication needs, each in its own yes/no column
    ("Large Print (Y/N)", "needs_large_print"),
    ("LP", "needs_large_print"),
    ("Needs Braille", "needs_braille"),
    ("Audio tape", "needs_audio"),
    ("Interpreter", "needs_interpreter"),
    ("Interpreter language", "language"),
    ("BSL", "needs_bsl"),
    ("Sign language", "needs_bsl"),
    ("Easy Read", "needs_easy_read"),
    # Not on the register: named as not imported, never put in another field.
    ("Title", ""),
    ("Address Line 2", ""),
    ("NI Number", ""),
    ("Property Ref", ""),
    ("Row ID", ""),
    ("No.", ""),
    ("Number of children", ""),
    ("Customer", ""),
]


@pytest.mark.parametrize(("header", "field"), PEOPLE)
def test_people_headers(header, field):
    assert alone("people", header) == field


OTHERS = [
    ("panels", "Panel ID", "legacy_reference"),
    ("panels", "Group Ref", "legacy_reference"),
    ("panels", "Panel Name", "name"),
    ("panels", "Group Type", "kind"),
    ("panels", "Partner Landlords", "landlords"),
    ("panels", "Meets", "meeting_frequency"),
    ("panels", "TOR", "terms_of_reference"),
    ("panels", "Date Recognised", "recognised_on"),
    ("panels", "Last Visit", "last_support_visit"),
    ("panels", "No. of members", ""),
    ("memberships", "Membership ID", "legacy_reference"),
    ("memberships", "Member Ref", "person"),
    ("memberships", "Cust Ref", "person"),
    ("memberships", "Customer No", "person"),
    ("memberships", "Panel ID", "panel"),
    ("memberships", "Panel Name", "panel"),
    ("memberships", "Position", "role"),
    ("memberships", "Date Left", "end_date"),
    ("meetings", "Meeting ID", "legacy_reference"),
    ("meetings", "Mtg Date", "date"),
    ("meetings", "Group", "panel"),
    ("meetings", "Attended", "attendees"),
    ("meetings", "Minutes", "notes_link"),
    ("funds", "Fund Ref", "legacy_reference"),
    ("funds", "Fund Name", "name"),
    ("funds", "Eligibility", "criteria"),
    ("funds", "Decided By", "deciding_panel"),
    ("rounds", "Round ID", "legacy_reference"),
    ("rounds", "Fund ID", "fund"),
    ("rounds", "Fund Name", "fund"),
    ("rounds", "Open Date", "opens"),
    ("rounds", "Close Date", "closes"),
    ("rounds", "Amount", "budget"),
    ("applications", "Application No", "legacy_reference"),
    ("applications", "App Ref", "legacy_reference"),
    ("applications", "Applicant ID", "applicant_person"),
    ("applications", "Person Ref", "applicant_person"),
    ("applications", "Organisation Name", "applicant_name"),
    ("applications", "Project Name", "project"),
    ("applications", "Amount Requested", "amount_requested"),
    ("applications", "Amt Awarded", "amount_awarded"),
    ("applications", "Date Received", "received_on"),
    ("applications", "Published?", "published"),
    ("opportunities", "Opportunity ID", "legacy_reference"),
    ("opportunities", "Short Description", "summary"),
    ("opportunities", "Time Needed", "time_commitment"),
    ("opportunities", "Contact Tel No", "contact_phone"),
    ("opportunities", "Contact E-mail", "contact_email"),
    ("opportunities", "Audience", "audiences"),
    ("events", "Event ID", "legacy_reference"),
    ("events", "Event", "title"),
    ("events", "Event Date", "start_date"),
    ("events", "Finish", "end_time"),
    ("events", "Recurrence", "rrule"),
    ("events", "Opportunity ID", "opportunity"),
    ("events", "No. of places", ""),
    ("events", "Places", "capacity"),
]


@pytest.mark.parametrize(("resource", "header", "field"), OTHERS)
def test_other_resources_headers(resource, header, field):
    assert alone(resource, header) == field


def test_a_whole_legacy_register_header_row():
    found = matched(
        "people",
        "Legacy Ref",
        "Title",
        "Forename",
        "Surname",
        "Tel No",
        "Home Tel",
        "Mobile",
        "D.O.B.",
        "Date of Birth",
        "E-mail",
        "Post Code",
        "Large Print (Y/N)",
    )

    assert found == {
        "Legacy Ref": "legacy_reference",
        "Title": "",
        "Forename": "first_name",
        "Surname": "last_name",
        "Tel No": "phone",
        "Home Tel": "landline",
        "Mobile": "mobile",
        "D.O.B.": "",  # named with a note: the Date of Birth column fills the field
        "Date of Birth": "date_of_birth",
        "E-mail": "email",
        "Post Code": "postcode",
        "Large Print (Y/N)": "needs_large_print",
    }


def test_two_columns_for_one_field_fill_it_once_and_the_second_is_named():
    cls = RESOURCES["people"]
    match = match_headers(
        ["Legacy Ref", "Customer Reference Number", "Full name"],
        cls.columns,
        record_words=cls.record_words,
    )

    first, second, _ = match.columns
    assert (first.field, second.field) == ("legacy_reference", "")
    assert second.also == "legacy_reference"
    assert second.note == (
        "This looks like Reference too, which column A ('Legacy Ref') fills. Choose a field "
        "for it, or leave it not imported."
    )
    assert match.unknown == ["Customer Reference Number"]
    assert match.errors == []


def test_the_better_match_wins_whichever_comes_first():
    assert matched("people", "Legacy Ref", "Reference") == {
        "Legacy Ref": "",
        "Reference": "legacy_reference",
    }
    assert matched("people", "Telephone", "Tel No") == {"Telephone": "phone", "Tel No": ""}


def test_the_same_header_twice_fills_its_field_from_the_first():
    assert [c.field for c in match_headers(["Email", "EMAIL"], RESOURCES["people"].columns)
            .columns] == ["email", ""]  # fmt: skip


def test_a_column_chosen_by_the_officer_wins_over_a_match():
    found = matched("people", "Reference", "Tel No", "Mobile", chosen={2: "phone"})

    assert found == {"Reference": "legacy_reference", "Tel No": "", "Mobile": "phone"}


def test_a_column_chosen_as_not_imported_stays_out():
    assert matched("people", "Reference", "Tel No", chosen={1: ""})["Tel No"] == ""


def test_one_field_chosen_for_two_columns_is_an_error_naming_both():
    match = match_headers(
        ["Reference", "Tel No", "Mobile"],
        RESOURCES["people"].columns,
        chosen={1: "phone", 2: "phone"},
    )

    assert match.errors == [
        "Phone is chosen for both column B ('Tel No') and column C ('Mobile'). Choose one."
    ]
    assert match.columns[2].error == match.errors[0]


def test_a_required_field_no_column_holds_says_to_choose_one():
    match = match_headers(["Name", "Email"], RESOURCES["people"].columns)

    assert match.errors == ["Choose which column holds the Reference."]


def test_a_field_that_does_not_exist_is_an_error():
    match = match_headers(["Ref", "Shoe size"], RESOURCES["people"].columns, chosen={1: "shoes"})

    assert match.errors == ["There is no field called 'shoes'."]


def test_headers_keep_letters_of_any_alphabet():
    assert header_key("Téléphone") == "téléphone"
    assert header_key("TÉLÉPHONE ") == header_key("téléphone")
    assert header_key("Straße") == header_key("STRASSE")
    assert header_key("Имя клиента") == "имяклиента"
    assert header_key("Téléphone") != header_key("Tlphone")


def test_a_header_with_accents_matches_by_its_words_and_an_unknown_one_is_named():
    found = matched("people", "Réf", "Téléphone", "Numéro de sécurité sociale", "Имя")

    assert found == {
        "Réf": "legacy_reference",
        "Téléphone": "phone",
        "Numéro de sécurité sociale": "",
        "Имя": "",
    }


def test_words_set_aside_spelling_order_filler_and_abbreviations():
    assert words("D.O.B.") == words("Date of Birth") == words("Birth date") == words("DOB")
    assert words("Tel (home)") == words("Home Tel") == words("home telephone")
    assert words("Cust Ref No") == words("Customer Reference Number")
    assert words("The Post-Code") == words("postcode")
    assert words("Customer Reference Number").signal == "strong"
    assert words("Tel No").signal == "weak"
    assert words("No.").signal == ""  # "No." alone is a count or a row number
    assert words("Number of members").signal == ""


def test_no_two_columns_of_a_resource_share_a_name_or_its_words():
    """Otherwise which of them a header fills would depend on the order they are listed in."""
    for name, resource in RESOURCES.items():
        keys, said = {}, {}
        for column in resource.columns:
            for spelling in (column.header, column.field, *column.synonyms):
                key, found = header_key(spelling), words(spelling)
                assert keys.setdefault(key, column.field) == column.field, (name, spelling)
                found = (found.core, bool(found.signal))
                assert said.setdefault(found, column.field) == column.field, (name, spelling)


def test_every_resource_matches_its_own_labels_exactly():
    for name, resource in RESOURCES.items():
        headers = [c.header for c in resource.columns]
        assert matched(name, *headers) == {c.header: c.field for c in resource.columns}, name


def test_the_signature_ignores_order_case_and_spacing_but_not_the_headers():
    signature = header_signature(["Legacy Ref", "Tel No", "Mobile"])

    assert header_signature(["mobile", " TEL NO", "Legacy  Ref"]) == signature
    assert header_signature(["Legacy Ref", "Tel No"]) != signature
    assert header_signature(["Legacy Ref", "Tel No", "Mobile", ""]) == signature


def test_choices_by_header_find_headers_as_typed_or_by_key_and_name_the_missing():
    chosen, missing = choices_by_header(
        ["Legacy Ref", "Tel No", "Tel No", "Mobile"],
        {"tel no": "phone", "Mobile": "", "Fax": "phone"},
    )

    assert chosen == {1: "phone", 3: ""}
    assert missing == ["Fax"]


def test_column_letters_are_a_spreadsheets():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_a_column_takes_its_other_names_as_synonyms_or_aliases():
    by_synonyms = Column("phone", "Phone", ("Tel",))
    by_aliases = Column("phone", label="Phone", aliases=("Tel",))

    assert by_synonyms == by_aliases
    assert (by_aliases.label, by_aliases.header, by_aliases.aliases) == ("Phone", "Phone", ("Tel",))
