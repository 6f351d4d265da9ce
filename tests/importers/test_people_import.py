import hashlib

from django.contrib.auth.models import Group

import pytest

from forms.models import EqualityMonitoring, Person
from importers.engine import run_import
from importers.models import ImportRun
from tests.forms.factories import PersonFactory
from tests.importers.conftest import csv_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_groups")]

HEADER = (
    "Customer Ref,Full Name,E-mail,Telephone,Post Code,Tenure,Landlord,Area,Interests,"
    "Date Joined,Active"
)
ADA = (
    "t001,Ada Example,ADA@EXAMPLE.COM,+44 (0)7700 900123,ts11aa,Tenant,Tristar Homes,"
    "stockton-on-tees,Repairs and maintenance; rent and money,31/01/2024,Y"
)
BEN = (
    "T002,Ben Example,,07700 900124,TS1 2AB,leaseholder,Erimus Housing,Middlesbrough,,2024-03-01,no"
)


def people(data, **kwargs):
    return run_import("people", data, "people.csv", dry_run=kwargs.pop("dry_run", False), **kwargs)


def test_imports_people_with_tidied_values(demo_lists):
    report = people(csv_bytes(HEADER, ADA, BEN))

    assert report.ok, report.error_list()
    assert report.counts == {"new": 2, "updated": 0, "unchanged": 0, "error": 0}
    ada = Person.objects.get(legacy_reference="T001")
    assert (ada.name, ada.email, ada.phone, ada.postcode) == (
        "Ada Example",
        "ada@example.com",
        "07700900123",
        "TS1 1AA",
    )
    assert (ada.tenure, ada.landlord.name, ada.area.name) == (
        "tenant",
        "Tristar Homes",
        "Stockton-on-Tees",
    )
    assert sorted(ada.interests.values_list("name", flat=True)) == [
        "Rent and money",
        "Repairs and maintenance",
    ]
    assert str(ada.date_joined) == "2024-01-31"
    assert Person.objects.get(legacy_reference="T002").is_active is False


def test_importing_the_same_file_again_changes_nothing(demo_lists):
    people(csv_bytes(HEADER, ADA, BEN))
    before = list(Person.objects.order_by("pk").values())

    report = people(csv_bytes(HEADER, ADA, BEN))

    assert report.counts == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
    assert [row.name for row in report.rows] == ["Ada Example", "Ben Example"]
    assert list(Person.objects.order_by("pk").values()) == before


def test_a_changed_row_is_updated_and_its_changes_listed(demo_lists):
    people(csv_bytes(HEADER, ADA, BEN))

    changed = ADA.replace("Ada Example", "Ada Lovelace").replace("; rent and money", "")
    report = people(csv_bytes(HEADER, changed, BEN))

    assert report.counts["updated"] == 1
    ada_row = next(r for r in report.rows if r.reference.upper() == "T001")
    assert ("Full name", "Ada Example", "Ada Lovelace") in ada_row.changes
    assert (
        "Interests",
        "Rent and money; Repairs and maintenance",
        "Repairs and maintenance",
    ) in ada_row.changes
    ada = Person.objects.get(legacy_reference="T001")
    assert ada.name == "Ada Lovelace"
    assert list(ada.interests.values_list("name", flat=True)) == ["Repairs and maintenance"]


def test_a_reference_that_changes_case_is_the_same_person(demo_lists):
    people(csv_bytes(HEADER, ADA))
    report = people(csv_bytes(HEADER, ADA.replace("t001", "T 001")))
    assert report.counts["unchanged"] == 1
    assert Person.objects.count() == 1


def test_every_error_is_listed_with_line_and_column_and_nothing_is_written(demo_lists):
    bad = [
        "T3,Cy Example,cy@example,07700 900125,XYZ,Tenant,Nowhere Homes,,Unicorns,31/02/2024,MayBe",
        ",,,,,,,,,,",
        "T4,,d@example.com,,,Lodger,,,,12/31/2024,Y",
    ]
    report = people(csv_bytes(HEADER, ADA, *bad))

    assert Person.objects.count() == 0
    errors = {(line, column) for line, column, _ in report.error_list()}
    assert {
        (3, "E-mail"),
        (3, "Post Code"),
        (3, "Landlord"),
        (3, "Interests"),
        (3, "Date Joined"),
        (3, "Active"),
        (5, "Full Name"),
        (5, "Tenure"),
        (5, "Date Joined"),
    } <= errors
    messages = [m for _, _, m in report.error_list()]
    assert (
        "No landlord called 'Nowhere Homes'. Use one of 'Erimus Housing', 'Tristar Homes'."
        in messages
    )
    assert "Full name is blank." in messages
    assert "Use Yes or No, not 'MayBe'" in messages
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REFUSED


def test_an_error_in_the_last_row_of_a_large_file_writes_nothing(demo_lists):
    rows = [f"R{n},Resident {n},r{n}@example.com,,,Tenant,,,,," for n in range(999)]
    rows.append("R999,Resident 999,not-an-email,,,Tenant,,,,,")

    report = people(csv_bytes(HEADER, *rows))

    assert Person.objects.count() == 0
    assert report.error_list() == [(1001, "E-mail", "'not-an-email' is not an email address.")]


def test_the_same_reference_twice_is_an_error_naming_both_lines(demo_lists):
    report = people(csv_bytes(HEADER, ADA, BEN, ADA.replace("Ada", "Ann").replace("ADA@", "ANN@")))

    assert (2, "Customer Ref", "Reference T001 is also on line 4.") in report.error_list()
    assert (4, "Customer Ref", "Reference T001 is also on line 2.") in report.error_list()
    assert Person.objects.count() == 0


def test_an_email_already_used_by_someone_else_is_refused(demo_lists):
    PersonFactory(email="ada@example.com", legacy_reference="")
    report = people(csv_bytes(HEADER, ADA))
    assert report.error_list() == [
        (2, "E-mail", "ada@example.com belongs to someone else on the register (no reference).")
    ]


def test_missing_required_columns_are_refused_before_any_row_is_read(demo_lists):
    report = people(csv_bytes("Name,Email", "Ada,ada@example.com"))
    assert report.file_errors == ["Choose which column holds the Reference."]
    assert report.rows == []


def test_unknown_columns_are_listed_not_dropped_silently(demo_lists):
    report = people(csv_bytes(HEADER + ",Shoe size,NI number", ADA + ",9,QQ123456C"), dry_run=True)
    assert report.unknown_columns == ["Shoe size", "NI number"]


def test_a_dry_run_previews_without_writing(demo_lists):
    report = people(csv_bytes(HEADER, ADA, BEN), dry_run=True)
    assert report.counts["new"] == 2
    assert Person.objects.count() == 0
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.PREVIEWED


def test_the_run_is_recorded_with_the_files_fingerprint(demo_lists, admin_user):
    data = csv_bytes(HEADER, ADA)
    people(data, user=admin_user)
    run = ImportRun.objects.get()
    assert (run.user, run.file_name, run.file_size, run.file_sha256, run.new) == (
        admin_user,
        "people.csv",
        len(data),
        hashlib.sha256(data).hexdigest(),
        1,
    )


def test_a_formula_in_a_name_is_kept_as_plain_text(demo_lists):
    people(csv_bytes(HEADER, ADA.replace("Ada Example", '"=HYPERLINK(""http://x"",""y"")"')))
    assert Person.objects.get().name == '=HYPERLINK("http://x","y")'


EQUALITY_HEADER = HEADER + ",Age band,Sexual orientation,Religion,Equality consent date"


def test_equality_answers_are_kept_only_with_consent_and_prefer_not_to_say_stays_distinct(
    demo_lists,
):
    report = people(
        csv_bytes(
            EQUALITY_HEADER,
            ADA + ",65 to 74,Prefer not to say,,01/02/2024",
            BEN + ",,,,",
        )
    )

    assert report.ok, report.error_list()
    answers = EqualityMonitoring.objects.get()
    assert answers.person.legacy_reference == "T001"
    assert (answers.age_band, answers.sexual_orientation, answers.religion) == (
        "65_74",
        "prefer_not_to_say",
        "",
    )
    assert str(answers.consent_given_at.date()) == "2024-02-01"


def test_equality_answers_without_a_consent_date_are_an_error(demo_lists):
    report = people(csv_bytes(EQUALITY_HEADER, ADA + ",65 to 74,,,"))
    assert report.error_list() == [
        (
            2,
            "Equality consent date",
            "Equality answers need the date the person consented. "
            "Leave the answers blank if there is no consent.",
        )
    ]
    assert Person.objects.count() == 0


def test_equality_columns_without_a_consent_column_refuse_the_file(demo_lists):
    report = people(csv_bytes(HEADER + ",Ethnicity", ADA + ",Prefer not to say"))
    assert report.file_errors[0].startswith(
        "The file has equality answers but no 'Equality consent"
    )


def test_only_the_equality_data_group_may_import_equality_answers(demo_lists, django_user_model):
    officer = django_user_model.objects.create_user("officer")
    officer.groups.add(Group.objects.get(name="Involvement officers"))
    data = csv_bytes(EQUALITY_HEADER, ADA + ",65 to 74,,,01/02/2024")

    refused = people(data, user=officer)
    assert "only people in the Equality data group can import them" in refused.file_errors[0]

    officer.groups.add(Group.objects.get(name="Equality data"))
    officer = django_user_model.objects.get(pk=officer.pk)  # permissions are cached per object
    assert people(data, user=officer).ok


def test_an_export_escapes_formulas_and_imports_back_unchanged(demo_lists):
    from importers.exporting import export_resource

    people(csv_bytes(HEADER, ADA.replace("Ada Example", '"=HYPERLINK(""http://x"",""y"")"'), BEN))
    PersonFactory(name="+44 is not a formula", email="signed-up@example.com")

    exported = export_resource("people")

    text = exported.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text
    assert "'+44 is not a formula" in text
    assert "Age band" not in text  # equality answers never leave in the register's export
    report = people(exported, dry_run=True)
    assert report.counts == {"new": 0, "updated": 0, "unchanged": 3, "error": 0}


def test_first_name_and_surname_columns_make_the_full_name(demo_lists):
    report = people(csv_bytes("Ref,Forename,Surname,Title", "T9,Siobhán,Example,Ms"))

    assert report.ok, report.error_list()
    assert report.unknown_columns == ["Title"]
    assert Person.objects.get().name == "Siobhán Example"


def test_a_file_with_no_name_columns_is_refused(demo_lists):
    report = people(csv_bytes("Ref,Email", "T9,a@example.com"))
    assert report.file_errors == [
        "Choose which column holds the Full name, or the columns that hold the First name "
        "and the Last name."
    ]
