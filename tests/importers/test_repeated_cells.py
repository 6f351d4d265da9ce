"""A value repeated down a column (a landlord, a tenure, a date) is read once and
remembered: every row still gets the value, or the problem, its cell has."""

import datetime

from forms.models import Person
from importers.engine import run_import
from tests.importers.conftest import csv_bytes

HEADER = "Reference,Full name,Tenure,Landlord,Interests,Date joined"


def test_every_row_with_a_repeated_cell_gets_its_value(demo_lists):
    rows = [
        f"R-{n},Resident {n},Tenant,Tristar Homes,Repairs and maintenance; Rent and money,"
        "01/02/2024"
        for n in range(3)
    ]
    report = run_import("people", csv_bytes(HEADER, *rows), "p.csv", dry_run=False)

    assert report.ok
    assert report.counts["new"] == 3
    for person in Person.objects.filter(legacy_reference__startswith="R-"):
        assert person.landlord.name == "Tristar Homes"
        assert person.date_joined == datetime.date(2024, 2, 1)
        assert sorted(i.name for i in person.interests.all()) == [
            "Rent and money",
            "Repairs and maintenance",
        ]


def test_every_row_with_a_repeated_bad_cell_reports_it(demo_lists):
    rows = [f"R-{n},Resident {n},Lodger,Nowhere Homes,,31/02/2024" for n in range(3)]
    report = run_import("people", csv_bytes(HEADER, *rows), "p.csv", dry_run=False)

    errors = report.error_list()
    for line in (2, 3, 4):
        columns = {column for found, column, _ in errors if found == line}
        assert columns == {"Tenure", "Landlord", "Date joined"}
    assert {m for _, c, m in errors if c == "Date joined"} == {"'31/02/2024' is not a real date."}
    assert not Person.objects.filter(legacy_reference__startswith="R-").exists()
