"""The column step in the admin: every column of an uploaded file with the field it fills,
which the officer may change and check again, save under a name, and find chosen for them
when the next file with the same headers arrives."""

import re
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

import pytest

from forms.models import Person
from importers.models import ColumnMapping, ImportRun
from tests.importers.conftest import csv_bytes
from tests.staff import staff

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent / "files"
NORTHGATE = (FILES / "headers-people-northgate.csv").read_bytes()
# Column positions in the Northgate file.
LEGACY_REF, TITLE, TEL_NO, HOME_TEL, MOBILE, DOB = 0, 1, 6, 7, 8, 9
IMPORT_BUTTON = "Import these records"


@pytest.fixture(autouse=True)
def waiting_files(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def upload(client, data, name="people.csv", resource="people"):
    response = client.post(
        reverse("importers:upload"),
        {"resource": resource, "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return resolve(response["Location"]).kwargs["token"]


def page(client, token):
    return client.get(reverse("importers:preview", args=[token])).content.decode()


def selected(html, index):
    """The value of the option selected in the select for column ``index``."""
    select = re.search(rf'<select name="column-{index}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select for column {index}"
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return chosen.group(1) if chosen else ""


def choices(html, **changes):
    """The column step as the page shows it, with ``changes`` ({index: field}) made."""
    fields = {
        int(index): selected(html, int(index))
        for index in re.findall(r'<select name="column-(\d+)"', html)
    }
    fields.update(changes)
    return {f"column-{index}": field for index, field in fields.items()}


def choose(client, token, html, save_as="", **changes):
    data = choices(html, **{k.removeprefix("c"): v for k, v in changes.items()})
    data["save_as"] = save_as
    return client.post(reverse("importers:preview", args=[token]), data)


def confirm(client, token, html):
    digest = re.search(r'name="columns" value="([^"]+)"', html).group(1)
    return client.post(reverse("importers:confirm"), {"pending": token, "columns": digest})


def test_every_column_is_shown_with_its_select_and_first_values(client, officer):
    html = page(client, upload(client, NORTHGATE))

    assert '<h2 class="w-h2" id="columns">Columns in the file</h2>' in html
    for index, header in enumerate(NORTHGATE.decode().splitlines()[0].split(",")):
        assert f'<label for="id_column-{index}">{header}</label>' in html
    assert selected(html, LEGACY_REF) == "legacy_reference"
    assert selected(html, TEL_NO) == "phone"
    assert selected(html, TITLE) == ""
    assert (selected(html, HOME_TEL), selected(html, MOBILE), selected(html, DOB)) == (
        "landline",
        "mobile",
        "date_of_birth",
    )
    assert "<li>NG-0101</li>" in html
    assert "<li>Siobhán</li>" in html
    assert "<li>07700 900101</li>" in html
    assert "Matched by the words in its header: check it." in html  # Tel No, Addr 1
    assert "Columns not imported" in html
    assert "Title</dd>" in html.split("Columns not imported")[1]
    assert IMPORT_BUTTON in html


def test_first_values_are_shown_as_text_never_as_markup(client, officer):
    html = page(client, upload(client, NORTHGATE))

    assert "<li>&lt;b&gt;5&lt;/b&gt; Demo Close</li>" in html
    assert "<b>5</b>" not in html


def test_a_changed_column_is_checked_again_and_imported_as_chosen(client, officer):
    token = upload(client, NORTHGATE)
    html = page(client, token)

    response = choose(client, token, html, **{f"c{MOBILE}": "phone", f"c{TEL_NO}": ""})

    assert response["Location"] == reverse("importers:preview", args=[token]) + "#columns"
    html = page(client, token)
    assert (selected(html, MOBILE), selected(html, TEL_NO)) == ("phone", "")
    assert "Tel No" in html.split("Columns not imported")[1].split("</dd>")[0]
    assert not Person.objects.exists()
    confirm(client, token, html)
    assert Person.objects.get(legacy_reference="NG-0101").phone == "07700900101"
    assert Person.objects.get(legacy_reference="NG-0102").phone == "07700900103"
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.IMPORTED


def test_a_missing_reference_asks_for_its_column_and_choosing_it_lets_the_file_import(
    client, officer
):
    token = upload(client, csv_bytes("Customer,Full name", "C1,Ann Example"))
    html = page(client, token)

    assert "There is a problem" in html
    assert '<a href="#columns">Choose which column holds the Reference.</a>' in html
    assert "1, not checked yet: choose the columns first" in html
    assert IMPORT_BUTTON not in html
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REFUSED

    choose(client, token, html, c0="legacy_reference")
    html = page(client, token)

    assert "There is a problem" not in html
    assert IMPORT_BUTTON in html
    confirm(client, token, html)
    assert Person.objects.get().legacy_reference == "C1"


def test_one_field_chosen_for_two_columns_is_an_error_at_the_second(client, officer):
    token = upload(client, NORTHGATE)

    choose(client, token, page(client, token), **{f"c{MOBILE}": "phone"})
    html = page(client, token)

    message = (
        "Phone is chosen for both column G (&#x27;Tel No&#x27;) and column I (&#x27;Mobile&#x27;)."
    )
    assert f'<a href="#id_column-{MOBILE}">{message} Choose one.</a>' in html
    assert IMPORT_BUTTON not in html
    assert not Person.objects.exists()


def test_a_choice_that_is_not_a_field_is_refused_and_changes_nothing(client, officer):
    token = upload(client, NORTHGATE)
    html = page(client, token)
    before = ImportRun.objects.get().report["columns"]

    response = choose(client, token, html, c0="is_superuser")

    assert response.status_code == 200
    assert "Choose a field from the list, or Not imported." in response.content.decode()
    run = ImportRun.objects.get()
    assert (run.outcome, run.report["columns"]) == (ImportRun.Outcome.PREVIEWED, before)


def test_choices_saved_under_a_name_are_made_for_the_next_file_with_those_headers(client, officer):
    token = upload(client, NORTHGATE)
    response = choose(
        client,
        token,
        page(client, token),
        save_as=" Northgate  export ",
        **{f"c{MOBILE}": "phone", f"c{TEL_NO}": ""},
    )
    followed = client.get(response["Location"]).content.decode()
    assert "Saved these column choices as &#x27;Northgate export&#x27;." in followed
    assert reverse("column_mappings:index") in followed

    saved = ColumnMapping.objects.get()
    assert (saved.resource, saved.name, saved.created_by) == ("people", "Northgate export", officer)
    assert saved.mapping["Mobile"] == "phone"
    assert saved.mapping["Tel No"] == ""

    # Next month's export: the same headers, in capitals, other rows.
    header, *_ = NORTHGATE.decode().splitlines()
    again = upload(client, csv_bytes(header.upper(), "NG-0200,Dr,Cy,Example,,,01642 1,,07700 2,,,"))
    html = page(client, again)
    assert "These are the choices saved as \u2018Northgate export\u2019" in html
    assert (selected(html, MOBILE), selected(html, TEL_NO)) == ("phone", "")


def test_saving_under_a_name_already_used_replaces_those_choices(client, officer):
    token = upload(client, NORTHGATE)
    choose(client, token, page(client, token), save_as="Northgate export")
    response = choose(client, token, page(client, token), save_as="Northgate export", c1="name")

    assert (
        "Replaced the column choices saved as" in client.get(response["Location"]).content.decode()
    )
    assert ColumnMapping.objects.get().mapping["Title"] == "name"


def test_a_confirm_from_a_tab_showing_older_columns_imports_nothing(client, officer):
    token = upload(client, NORTHGATE)
    old_tab = page(client, token)
    choose(client, token, old_tab, **{f"c{MOBILE}": "phone", f"c{TEL_NO}": ""})

    response = confirm(client, token, old_tab)

    assert response["Location"] == reverse("importers:preview", args=[token])
    assert "The columns were changed after this preview was shown" in page(client, token)
    assert not Person.objects.exists()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.PREVIEWED


def test_columns_cannot_change_once_the_file_is_imported(client, officer):
    token = upload(client, NORTHGATE)
    html = page(client, token)
    confirm(client, token, html)

    response = choose(client, token, html, **{f"c{MOBILE}": "phone"})

    run = ImportRun.objects.get()
    assert response["Location"] == reverse("importers:inspect", args=[run.pk])
    assert run.outcome == ImportRun.Outcome.IMPORTED
    assert Person.objects.get(legacy_reference="NG-0101").phone == "01642900101"


def test_a_large_file_is_checked_again_in_the_background(client, officer, settings):
    settings.INVOLVEMENT_IMPORT_BACKGROUND_ROWS = 2
    response = client.post(
        reverse("importers:upload"),
        {"resource": "people", "file": SimpleUploadedFile("p.csv", NORTHGATE)},
    )
    token = resolve(response["Location"]).kwargs["token"]
    html = page(client, token)

    response = choose(client, token, html, **{f"c{MOBILE}": "phone", f"c{TEL_NO}": ""})

    assert response["Location"] == reverse("importers:progress", args=[token])
    assert selected(page(client, token), MOBILE) == "phone"


def test_another_officer_cannot_change_someone_elses_columns(client):
    staff(client, "Involvement officers", username="uploader")
    token = upload(client, NORTHGATE)
    html = page(client, token)
    staff(client, "Involvement officers", username="other")

    response = choose(client, token, html, **{f"c{MOBILE}": "phone"})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert ImportRun.objects.get().report["columns"][MOBILE]["field"] == "mobile"


def test_the_history_shows_which_field_each_column_filled_without_its_values(client, officer):
    token = upload(client, NORTHGATE)
    confirm(client, token, page(client, token))
    run = ImportRun.objects.get()

    html = client.get(reverse("importers:inspect", args=[run.pk])).content.decode()

    assert "Columns in the file" in html
    assert "Legacy Ref" in html
    assert "Home Tel" in html
    assert "NG-0101" not in html
    assert "<select" not in html


# Saved mappings in the admin -----------------------------------------------------------------


@pytest.fixture
def northgate_mapping(officer):
    return ColumnMapping.remember(
        resource="people",
        name="Northgate export",
        headers=["Legacy Ref", "Mobile", "Tel No"],
        fields=["legacy_reference", "phone", ""],
        user=officer,
    )[0]


def test_officers_list_saved_mappings_and_delete_one(client, northgate_mapping):
    listing = client.get(reverse("column_mappings:index")).content.decode()

    assert "Northgate export" in listing
    assert "People (the involvement register)" in listing
    assert "Legacy Ref → Reference; Mobile → Phone; Tel No → not imported" in listing
    delete_url = reverse("column_mappings:delete", args=[northgate_mapping.pk])
    assert delete_url in listing
    assert "/edit/" not in listing

    client.post(delete_url)

    assert not ColumnMapping.objects.exists()


def test_the_menu_offers_saved_mappings_to_officers_only(client):
    staff(client, "Involvement officers", username="officer")
    officer_home = client.get(reverse("wagtailadmin_home")).content.decode()
    staff(client, "Communications editors", username="editor")
    editor_home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Saved column mappings" in officer_home
    assert "Saved column mappings" not in editor_home


def test_an_editor_cannot_list_or_delete_saved_mappings(client, northgate_mapping):
    staff(client, "Communications editors", username="editor")

    listing = client.get(reverse("column_mappings:index"))
    deleted = client.post(reverse("column_mappings:delete", args=[northgate_mapping.pk]))

    assert listing.status_code == 302
    assert deleted.status_code == 302
    assert ColumnMapping.objects.exists()
