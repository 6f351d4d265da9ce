"""A rule on the whole record (the model's own check across its fields, not one cell's) is
reported against the row in words, never as Django's internal "__all__"."""

from django.core.management import call_command

import pytest

from importers.engine import run_import
from tests.importers.conftest import csv_bytes
from tests.involvement_pages.panels.factories import (
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)

HEADER = "Reference,Person reference,Panel,Start date"


@pytest.fixture
def member(db):
    person = PersonFactory(name="Alice Moss", legacy_reference="LEG-1")
    panel = PanelFactory(name="Grangetown Residents' Association")
    MembershipFactory(person=person, panel=panel)  # from 1 April 2025
    return person


def overlapping_membership():
    return csv_bytes(HEADER, "MEM-1,LEG-1,Grangetown Residents' Association,01/06/2025")


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_membership_the_rules_refuse_is_reported_against_the_whole_row(member, dry_run):
    report = run_import("memberships", overlapping_membership(), "m.csv", dry_run=dry_run)

    assert not report.written
    [(line, column, message)] = report.error_list()
    assert (line, column) == (2, "Whole row")
    assert "Alice Moss is already a member of Grangetown Residents' Association" in message
    assert "__all__" not in str(report.as_json())


def test_the_command_says_whole_row_not_all(member, tmp_path, capsys):
    path = tmp_path / "memberships.csv"
    path.write_bytes(overlapping_membership())

    with pytest.raises(SystemExit):
        call_command("import_legacy", "memberships", str(path))

    out = capsys.readouterr().out
    assert "Line 2, Whole row: Alice Moss is already a member" in out
    assert "__all__" not in out
