"""Legacy files whose headers are not ours: each column finds its field by meaning, the rest
are named as not imported, and a mapping (chosen, saved or given) decides over a guess."""

import datetime
from pathlib import Path

import pytest

from forms.models import Person
from importers.columns import match_headers
from importers.engine import run_import
from importers.models import ColumnMapping, ImportRun
from importers.reading import read_table
from importers.resources import RESOURCES
from tests.importers.conftest import csv_bytes

FILES = Path(__file__).resolve().parent / "files"

# Each sample file's headers and the field each must fill ("" for not imported).
EXPECTED = {
    "headers-people-northgate.csv": (
        "people",
        {
            "Legacy Ref": "legacy_reference",
            "Title": "",
            "Forename": "first_name",
            "Surname": "last_name",
            "Addr 1": "address",
            "Post Code": "postcode",
            "Tel No": "phone",
            "Home Tel": "landline",
            "Mobile": "mobile",
            "D.O.B.": "date_of_birth",
            "E-mail": "email",
            "Large Print (Y/N)": "needs_large_print",
        },
    ),
    "headers-people-customer-reference.csv": (
        "people",
        {
            "Customer Reference Number": "legacy_reference",
            "Full Name": "name",
            "Email Address": "email",
            "Telephone Number": "phone",
            "Date of Birth": "date_of_birth",
            "Tenure Type": "tenure",
            "Patch": "area",
        },
    ),
    "headers-people-accents.csv": (
        "people",
        {
            "Réf": "legacy_reference",
            "Full name": "name",
            "Téléphone": "phone",
            "Numéro de sécurité sociale": "",
        },
    ),
    "headers-panels.csv": (
        "panels",
        {
            "Panel ID": "legacy_reference",
            "Panel Name": "name",
            "Group Type": "kind",
            "Level of Involvement": "level",
            "Tier": "tier",
            "Partner Landlords": "landlords",
            "Meets": "meeting_frequency",
            "TOR": "terms_of_reference",
            "No. of members": "",
        },
    ),
    "headers-memberships.csv": (
        "memberships",
        {
            "Membership ID": "legacy_reference",
            "Member Ref": "person",
            "Panel Name": "panel",
            "Position": "role",
            "Date Joined": "start_date",
            "Date Left": "end_date",
        },
    ),
    "headers-meetings.csv": (
        "meetings",
        {
            "Meeting ID": "legacy_reference",
            "Group": "panel",
            "Mtg Date": "date",
            "Attended": "attendees",
            "Minutes": "notes_link",
        },
    ),
    "headers-funds.csv": (
        "funds",
        {
            "Fund Ref": "legacy_reference",
            "Fund Name": "name",
            "Eligibility": "criteria",
            "Decided By": "deciding_panel",
            "Open": "accepting_applications",
        },
    ),
    "headers-rounds.csv": (
        "rounds",
        {
            "Round ID": "legacy_reference",
            "Fund ID": "fund",
            "Round": "name",
            "Open Date": "opens",
            "Close Date": "closes",
            "Amount": "budget",
        },
    ),
    "headers-applications.csv": (
        "applications",
        {
            "App Ref": "legacy_reference",
            "Fund": "fund",
            "Round": "round",
            "Date Received": "received_on",
            "Organisation Name": "applicant_name",
            "Applicant ID": "applicant_person",
            "Project Name": "project",
            "Amt Requested": "amount_requested",
            "Amt Awarded": "amount_awarded",
            "Published?": "published",
        },
    ),
    "headers-opportunities.csv": (
        "opportunities",
        {
            "Opportunity ID": "legacy_reference",
            "Title": "title",
            "Short Description": "summary",
            "Level of Involvement": "level",
            "Tier": "tier",
            "Commitment": "commitment",
            "Time Needed": "time_commitment",
            "Audience": "audiences",
            "Contact E-mail": "contact_email",
            "Contact Tel No": "contact_phone",
        },
    ),
    "headers-events.csv": (
        "events",
        {
            "Event ID": "legacy_reference",
            "Event": "title",
            "Short Description": "summary",
            "Event Date": "start_date",
            "Start": "start_time",
            "Finish": "end_time",
            "Recurrence": "rrule",
            "Venue": "venue",
            "No. of places": "",
        },
    ),
}


def test_there_is_a_header_variants_file_for_every_resource():
    assert {resource for resource, _ in EXPECTED.values()} == set(RESOURCES)
    assert sorted(p.name for p in FILES.glob("headers-*")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_files_columns_find_their_fields_and_the_rest_are_named(name):
    resource_name, expected = EXPECTED[name]
    resource = RESOURCES[resource_name]
    table = read_table((FILES / name).read_bytes(), name)

    match = match_headers(
        table.headers, resource.columns, key_field=resource.key, record_words=resource.record_words
    )

    assert {c.header: c.field for c in match.columns} == expected
    assert match.unknown == [header for header, field in expected.items() if not field]
    assert match.errors == []


def people_file(name, **kwargs):
    data = (FILES / name).read_bytes()
    return run_import("people", data, name, dry_run=kwargs.pop("dry_run", False), **kwargs)


@pytest.mark.django_db
def test_a_northgate_register_imports_what_it_can_and_names_the_rest():
    report = people_file("headers-people-northgate.csv")

    assert report.ok, report.error_list()
    assert report.unknown_columns == ["Title"]
    siobhan = Person.objects.get(legacy_reference="NG-0101")
    assert (siobhan.name, siobhan.phone, siobhan.postcode, siobhan.address) == (
        "Siobhán Example",
        "01642900101",
        "TS1 1AA",
        "Flat 2, 10 Example Street",
    )
    assert (siobhan.landline, siobhan.mobile) == ("01642900102", "07700900101")
    assert siobhan.date_of_birth == datetime.date(1951, 3, 2)
    assert list(siobhan.communication_needs.values_list("slug", flat=True)) == ["large-print"]
    zoe = Person.objects.get(legacy_reference="NG-0103")
    assert (zoe.mobile, zoe.date_of_birth, zoe.communication_needs.count()) == ("", None, 0)
    assert Person.objects.count() == 3


@pytest.mark.django_db
def test_a_customer_reference_number_is_the_reference(demo_lists):
    report = people_file("headers-people-customer-reference.csv")

    assert report.ok, report.error_list()
    assert report.unknown_columns == []
    aisha = Person.objects.get(legacy_reference="CRN-2001")
    assert aisha.date_of_birth == datetime.date(1960, 1, 1)
    assert (aisha.phone, aisha.tenure, aisha.area.name) == (
        "07700900201",
        "tenant",
        "Middlesbrough",
    )


@pytest.mark.django_db
def test_a_windows_1252_file_with_accented_headers_imports():
    report = people_file("headers-people-accents.csv")

    assert report.ok, report.error_list()
    assert report.unknown_columns == ["Numéro de sécurité sociale"]
    assert Person.objects.get(legacy_reference="FR-1").phone == "07700900301"


@pytest.mark.django_db
def test_a_mapping_by_header_decides_over_the_match():
    report = people_file(
        "headers-people-northgate.csv", mapping={"Mobile": "phone", "Tel No": "", "title": ""}
    )

    assert report.ok, report.error_list()
    assert Person.objects.get(legacy_reference="NG-0101").phone == "07700900101"
    assert "Tel No" in report.unknown_columns
    assert [c.how for c in report.columns if c.header in ("Mobile", "Tel No", "Title")] == [
        "chosen",
        "chosen",
        "chosen",
    ]


@pytest.mark.django_db
def test_a_mapping_naming_a_header_the_file_lacks_is_refused():
    report = people_file("headers-people-accents.csv", mapping={"Tel No": "phone"})

    assert report.file_errors == [
        "The file has no column headed 'Tel No'. Its columns are 'Réf', 'Full name', "
        "'Téléphone', 'Numéro de sécurité sociale'."
    ]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_the_mapping_saved_for_these_headers_is_used_when_asked():
    headers = ["Legacy Ref", "Forename", "Surname", "Mobile", "Tel No"]
    ColumnMapping.remember(
        resource="people",
        name="Northgate export",
        headers=headers,
        fields=["legacy_reference", "first_name", "last_name", "phone", ""],
        user=None,
    )
    data = csv_bytes(",".join(headers), "N1,Ann,Example,07700 900001,01642 900001")

    used = run_import("people", data, "n.csv", dry_run=False, use_saved_mapping=True)
    ignored = run_import("people", data, "n.csv", dry_run=True)

    assert used.saved_mapping == "Northgate export"
    assert Person.objects.get().phone == "07700900001"
    assert ignored.saved_mapping == ""
    assert ignored.unknown_columns == []
    assert [c.field for c in ignored.columns][3:] == ["mobile", "phone"]


@pytest.mark.django_db
def test_a_column_with_no_header_but_values_is_named_and_a_stray_delimiter_is_not():
    report = run_import(
        "people",
        csv_bytes("Reference,Full name,,", "T1,Ann Example,07700 900001,", "T2,Ben Example,,"),
        "blank.csv",
        dry_run=True,
    )

    assert report.unknown_columns == ["Column C (no header)"]
    assert [c.empty for c in report.columns] == [False, False, False, True]


@pytest.mark.django_db
def test_the_run_keeps_each_columns_field_and_only_a_preview_keeps_its_first_values():
    data = csv_bytes("Legacy Ref,Full name,Mobile", "T1,Ann Example,07700 900001")

    imported = run_import("people", data, "p.csv", dry_run=False)
    previewed = run_import("people", data, "p.csv", dry_run=True, keep_preview=True)

    kept = ImportRun.objects.get(pk=imported.run.pk).report
    assert [(c["header"], c["field"]) for c in kept["columns"]] == [
        ("Legacy Ref", "legacy_reference"),
        ("Full name", "name"),
        ("Mobile", "mobile"),
    ]
    assert "samples" not in kept
    samples = ImportRun.objects.get(pk=previewed.run.pk).report["samples"]
    assert samples == [["T1"], ["Ann Example"], ["07700 900001"]]
