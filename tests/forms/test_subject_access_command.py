"""``manage.py export_person``: the same zip for whoever runs the server, equality included."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from forms.audit import PERSON_EXPORTED
from forms.models import AccessLogEntry
from tests.forms.factories import PersonFactory
from tests.forms.subject_access_helpers import full_person, json_rows, read_zip
from tests.involvement_pages.money_factories import mileage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(menu, home):
    return full_person(menu, home, mileage())


def export(tmp_path, reference):
    output = tmp_path / "out.zip"
    stdout = io.StringIO()
    call_command("export_person", reference, output=str(output), stdout=stdout)
    assert str(output) in stdout.getvalue()
    return read_zip(output.read_bytes())


def test_by_legacy_reference_with_equality_answers(tmp_path, ada):
    files = export(tmp_path, "CV-0042")

    assert json_rows(files, "register-record")[0]["Full name"] == "Ada Lovelace"
    assert json_rows(files, "equality")[0]["Gender"] == "Woman"
    entry = AccessLogEntry.objects.get(action=PERSON_EXPORTED)
    assert entry.user is None
    assert entry.data == {"equality_included": True, "via": "command"}


def test_by_own_reference(tmp_path):
    person = PersonFactory(name="Bea Example")

    files = export(tmp_path, f"ID-{person.pk}")

    assert json_rows(files, "register-record")[0]["Full name"] == "Bea Example"


def test_by_email_whatever_its_case(tmp_path, ada):
    files = export(tmp_path, "ADA@Example.com")

    assert json_rows(files, "register-record")[0]["Email"] == "ada@example.com"


def test_without_output_it_writes_its_own_name(tmp_path, monkeypatch, ada):
    monkeypatch.chdir(tmp_path)

    call_command("export_person", "CV-0042", stdout=io.StringIO())

    [written] = list(tmp_path.glob("export-CV-0042-*.zip"))
    assert "index.html" in read_zip(written.read_bytes())


def test_an_unknown_reference_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Nobody on the register") as error:
        call_command("export_person", "CV-9999", output=str(tmp_path / "x.zip"))

    assert error.value.returncode == 2
    assert not (tmp_path / "x.zip").exists()


def test_an_ambiguous_reference_is_a_clear_error(tmp_path):
    first = PersonFactory()
    PersonFactory(legacy_reference=f"ID-{first.pk}")  # an old system's reference clashes

    with pytest.raises(CommandError, match="more than one person") as error:
        call_command("export_person", f"ID-{first.pk}", output=str(tmp_path / "x.zip"))

    assert error.value.returncode == 2
    assert not AccessLogEntry.objects.filter(action=PERSON_EXPORTED).exists()


def test_emails_differing_only_in_case_are_ambiguous(tmp_path):
    PersonFactory(email="sam@example.com")
    PersonFactory(email="Sam@example.com")

    with pytest.raises(CommandError, match="more than one person"):
        call_command("export_person", "sam@example.com", output=str(tmp_path / "x.zip"))


def test_an_empty_reference_is_unknown(tmp_path):
    with pytest.raises(CommandError, match="Nobody") as error:
        call_command("export_person", "  ", output=str(tmp_path / "x.zip"))

    assert error.value.returncode == 2
