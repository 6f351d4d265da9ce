"""Importing in the admin: upload, preview of every row, confirm or cancel, background runs,
the history, and who may reach any of it."""

import csv
import io
import tempfile
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone

import openpyxl
import pytest

from forms.models import Person
from importers import engine
from importers import pending as pending_module
from importers.models import ImportRun
from importers.pending import Pending
from importers.tasks import progress_key
from tests.forms.factories import PersonFactory
from tests.importers.conftest import csv_bytes
from tests.staff import staff

pytestmark = pytest.mark.django_db

EDITORS, OFFICERS = "Communications editors", "Involvement officers"
HEADER = "Reference,Full name,Email"
ADA_RENAMED = "T001,Ada Lovelace,ada@example.com"
BEN_AS_HELD = "T002,Ben Example,ben@example.com"
CY_NEW = "T003,Cy Example,cy@example.com"
IMPORT_BUTTON = "Import these records"
REFUSED = "Sorry, you do not have permission to access this area."


@pytest.fixture(autouse=True)
def waiting_files(tmp_path, monkeypatch):
    """Uploads wait in import-export's TempFolderStorage; keep this suite's in its own folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.fixture
def held(db):
    """Two people already on the register, as an earlier import left them."""
    PersonFactory(legacy_reference="T001", name="Ada Example", email="ada@example.com")
    PersonFactory(legacy_reference="T002", name="Ben Example", email="ben@example.com")


def upload(client, data, name="people.csv", resource="people", **fields):
    return client.post(
        reverse("importers:upload"),
        {"resource": resource, "file": SimpleUploadedFile(name, data), **fields},
    )


def token_of(response):
    """The signed token from a redirect to the preview or progress page."""
    assert response.status_code == 302, response.content.decode()[:2000]
    match = resolve(response["Location"].split("?")[0])
    return match.kwargs["token"]


def preview(client, data, **kwargs):
    token = token_of(upload(client, data, **kwargs))
    response = client.get(reverse("importers:preview", args=[token]))
    return token, response


def confirm(client, token, **kwargs):
    return client.post(reverse("importers:confirm"), {"pending": token}, **kwargs)


def names():
    return dict(Person.objects.values_list("legacy_reference", "name"))


def text(response):
    return response.content.decode()


# The whole journey ---------------------------------------------------------------------------


def test_preview_shows_every_row_and_the_change_and_writes_nothing(client, officer, held):
    token, response = preview(client, csv_bytes(HEADER, ADA_RENAMED, BEN_AS_HELD, CY_NEW))

    html = text(response)
    assert response.status_code == 200
    assert "3: 1 new, 1 updated, 1 unchanged, 0 with errors" in html
    assert "CSV, UTF-8, separated by commas" in html
    assert "Full name: Ada Example → Ada Lovelace" in html
    for reference in ("T001", "T002", "T003"):
        assert f"<td>{reference}</td>" in html
    assert IMPORT_BUTTON in html
    assert f'name="pending" value="{token}"' in html
    assert names() == {"T001": "Ada Example", "T002": "Ben Example"}
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.PREVIEWED


def test_confirm_imports_the_previewed_file_and_the_history_records_it(
    client, officer, held, waiting_files
):
    data = csv_bytes(HEADER, ADA_RENAMED, BEN_AS_HELD, CY_NEW)
    token, _ = preview(client, data)

    response = confirm(client, token, follow=True)

    assert names() == {"T001": "Ada Lovelace", "T002": "Ben Example", "T003": "Cy Example"}
    run = ImportRun.objects.get()
    assert (run.outcome, run.user, run.via) == (ImportRun.Outcome.IMPORTED, officer, "admin")
    assert (run.new, run.updated, run.unchanged, run.errors) == (1, 1, 1, 0)
    result = text(response)
    assert response.redirect_chain[-1][0] == reverse("importers:inspect", args=[run.pk])
    assert "Imported: 1 new and 1 updated records saved, 1 unchanged." in result
    assert run.file_sha256 in result
    assert "people.csv" in result
    history = text(client.get(reverse("importers:index")))
    assert "people.csv" in history
    assert "Imported" in history
    assert Pending.from_token(token).read() is None, "the stored upload outlived its import"
    assert not list(waiting_files.iterdir())


def test_confirming_twice_imports_once(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    confirm(client, token)

    response = confirm(client, token, follow=True)

    assert "already been imported" in text(response)
    assert Person.objects.filter(legacy_reference="T003").count() == 1


def test_cancel_writes_nothing_and_the_token_cannot_import_afterwards(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, ADA_RENAMED, CY_NEW))

    response = client.post(reverse("importers:cancel"), {"pending": token}, follow=True)

    assert "Cancelled. Nothing from people.csv was imported." in text(response)
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.CANCELLED
    assert "rows" not in run.report
    assert Pending.from_token(token).read() is None
    confirm(client, token)
    assert names() == {"T001": "Ada Example", "T002": "Ben Example"}


def test_a_tampered_token_is_refused_and_nothing_written(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")

    response = confirm(client, tampered)

    assert response.status_code == 400
    assert "T003" not in names()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.PREVIEWED


def test_a_file_changed_after_its_preview_is_refused(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    waiting = Pending.from_token(token)
    with open(waiting._storage().get_full_path(), "wb") as stored:
        stored.write(csv_bytes(HEADER, "T009,Mallory Example,m@example.com"))

    response = confirm(client, token, follow=True)

    assert "no longer the one that was checked" in text(response)
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.REFUSED
    assert set(names()) == {"T001", "T002"}


def test_an_expired_preview_sends_the_officer_back_to_upload(client, officer, held, monkeypatch):
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    monkeypatch.setattr(pending_module, "MAX_AGE_SECONDS", -1)

    response = confirm(client, token, follow=True)

    assert response.redirect_chain[-1][0] == reverse("importers:upload")
    assert "more than a day old" in text(response)
    assert "T003" not in names()


def age(run, days):
    ImportRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - timedelta(days=days, minutes=1)
    )


def test_a_preview_left_a_day_is_forgotten_at_the_next_upload(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, ADA_RENAMED, CY_NEW))
    abandoned = ImportRun.objects.get()
    assert abandoned.report["rows"]
    assert Pending.from_token(token).read() is not None
    age(abandoned, days=1)

    newer_token, _ = preview(client, csv_bytes(HEADER, BEN_AS_HELD))

    abandoned.refresh_from_db()
    assert abandoned.outcome == ImportRun.Outcome.EXPIRED
    assert abandoned.pending_token == ""
    assert "rows" not in abandoned.report
    assert Pending.from_token(token, expires=False).read() is None
    assert Pending.from_token(newer_token).read() is not None  # today's is left alone
    history = text(client.get(reverse("importers:index")))
    assert "Preview left more than a day, nothing written" in history


def test_the_command_forgets_stale_uploads_and_a_run_no_worker_finished(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(outcome=ImportRun.Outcome.PENDING)
    age(run, days=2)
    out = io.StringIO()

    call_command("forget_stale_imports", stdout=out)

    run.refresh_from_db()
    assert out.getvalue().strip() == "Forgot 1 abandoned upload."
    assert run.outcome == ImportRun.Outcome.FAILED
    assert run.report["errors"] == [["", "", "The import never finished, so nothing was written."]]
    assert Pending.from_token(token, expires=False).read() is None
    assert "T003" not in names()


# Files with problems -------------------------------------------------------------------------


def test_a_file_with_errors_lists_every_one_and_offers_no_import(client, officer, held):
    data = csv_bytes(
        HEADER,
        "T004,Dee Example,not-an-email",
        "T005,,e@example.com",
        CY_NEW,
        "t003,Cy Again,cy2@example.com",
    )

    _, response = preview(client, data)

    html = text(response)
    assert "4 problems found" in html
    assert "is not an email address" in html
    assert "Full name is blank." in html
    assert "Reference T003 is also on line 5." in html
    assert "Reference T003 is also on line 4." in html
    assert IMPORT_BUTTON not in html
    assert reverse("importers:confirm") not in html
    run = ImportRun.objects.get()
    assert reverse("importers:errors_csv", args=[run.pk]) in html
    assert run.outcome == ImportRun.Outcome.REFUSED


def test_a_file_with_errors_waits_for_other_columns_until_it_is_cancelled(client, officer):
    token, response = preview(client, csv_bytes(HEADER, "T004,Dee Example,not-an-email"))
    assert Pending.from_token(token).read() is not None, "other columns might fix it"
    assert "Cancel, to upload a corrected file" in text(response)

    response = client.post(reverse("importers:cancel"), {"pending": token}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("importers:upload")
    run = ImportRun.objects.get()
    assert run.outcome == ImportRun.Outcome.CANCELLED
    assert "rows" not in run.report
    assert "samples" not in run.report
    assert Pending.from_token(token).read() is None


def test_posting_confirm_for_a_refused_preview_writes_nothing(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, "T004,Dee Example,not-an-email", CY_NEW))

    response = confirm(client, token, follow=True)

    assert "was not imported again" in text(response)
    assert set(names()) == {"T001", "T002"}


def test_a_file_without_a_required_column_says_which(client, officer):
    _, response = preview(client, csv_bytes("Reference,Email", "T001,a@example.com"))

    assert "Choose which column holds the Full name" in text(response)
    assert IMPORT_BUTTON not in text(response)


def test_unknown_columns_are_listed(client, officer):
    _, response = preview(client, csv_bytes("Reference,Full name,Shoe size", "T001,Ada,7"))

    assert "Columns not imported" in text(response)
    assert "Shoe size" in text(response)


def test_the_errors_download_lists_every_problem_as_text_a_spreadsheet_will_not_run(
    client, officer
):
    run = ImportRun.objects.create(
        resource="people",
        file_name="people.csv",
        file_sha256="0" * 64,
        outcome=ImportRun.Outcome.REFUSED,
        report={"errors": [["", "", "The file is empty."], [3, "=Name", "+44 is not a name"]]},
    )

    response = client.get(reverse("importers:errors_csv", args=[run.pk]))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Line", "Column", "Problem"],
        ["", "", "The file is empty."],
        ["3", "'=Name", "'+44 is not a name"],
    ]


def test_the_upload_form_explains_what_is_missing(client, officer):
    response = client.post(reverse("importers:upload"), {"resource": "people"})

    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "Choose a file to upload." in text(response)
    assert not ImportRun.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(client, officer, settings):
    settings.INVOLVEMENT_IMPORT_MAX_BYTES = 100

    response = upload(client, csv_bytes(HEADER, *[CY_NEW] * 10))

    assert response.status_code == 200
    assert "the most we accept is" in text(response)
    assert not ImportRun.objects.exists()


def test_the_upload_page_offers_every_kind_of_record(client, officer):
    from importers.resources import RESOURCES

    html = text(client.get(reverse("importers:upload")))

    for name, resource in RESOURCES.items():
        assert f'value="{name}"' in html
        assert str(resource.label) in html


# Long previews ---------------------------------------------------------------------------------


def test_a_long_preview_is_shown_a_page_at_a_time_and_by_result(client, officer, held):
    rows = [f"N{n:03d},Person {n},p{n}@example.com" for n in range(150)]
    token, first = preview(client, csv_bytes(HEADER, BEN_AS_HELD, *rows))
    url = reverse("importers:preview", args=[token])

    assert "<td>N098</td>" in text(first)
    assert "<td>N099</td>" not in text(first)
    assert "Page 1 of 2" in text(first)
    second = text(client.get(url, {"p": "2"}))
    assert "<td>N099</td>" in second
    assert "<td>N000</td>" not in second
    assert "Page 1 of 2" in text(client.get(url, {"p": "not-a-number"}))
    unchanged = text(client.get(url, {"status": "unchanged"}))
    assert "<td>T002</td>" in unchanged
    assert "<td>N000</td>" not in unchanged


def xlsx_bytes(*rows, title="People"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_excel_workbook_is_previewed_from_the_named_sheet(client, officer, held):
    data = xlsx_bytes(HEADER.split(","), CY_NEW.split(","), title="Register")

    _, response = preview(client, data, name="people.xlsx", sheet="Register")

    assert "Excel workbook, sheet &#x27;Register&#x27;" in text(response)
    assert "<td>T003</td>" in text(response)


def test_a_sheet_that_does_not_exist_is_named_with_the_ones_that_do(client, officer):
    data = xlsx_bytes(HEADER.split(","), CY_NEW.split(","), title="Register")

    _, response = preview(client, data, name="people.xlsx", sheet="Nope")

    assert "There is no sheet called &#x27;Nope&#x27;. The sheets are &#x27;Register&#x27;." in (
        text(response)
    )
    assert IMPORT_BUTTON not in text(response)


def test_a_very_long_preview_keeps_the_first_rows_and_says_so(client, officer, held, monkeypatch):
    monkeypatch.setattr(engine, "PREVIEW_ROWS", 2)

    _, response = preview(client, csv_bytes(HEADER, ADA_RENAMED, BEN_AS_HELD, CY_NEW))

    html = text(response)
    assert "The table shows the first 2 rows of 3." in html
    assert "<td>T002</td>" in html
    assert "<td>T003</td>" not in html
    assert "3: 1 new, 1 updated, 1 unchanged, 0 with errors" in html


# Large files in the background -------------------------------------------------------------


def test_a_large_file_is_checked_and_imported_as_a_task_behind_a_progress_page(
    client, officer, held, settings
):
    settings.INVOLVEMENT_IMPORT_BACKGROUND_ROWS = 2
    data = csv_bytes(HEADER, ADA_RENAMED, BEN_AS_HELD, CY_NEW)

    response = upload(client, data)
    token = token_of(response)
    assert response["Location"] == reverse("importers:progress", args=[token])
    checked = text(client.get(response["Location"]))
    assert "Finished: previewed, nothing written." in checked
    assert 'http-equiv="refresh"' not in checked
    assert "Full name: Ada Example → Ada Lovelace" in text(
        client.get(reverse("importers:preview", args=[token]))
    )
    assert names()["T001"] == "Ada Example"

    response = confirm(client, token)
    assert response["Location"] == reverse("importers:progress", args=[token])
    imported = text(client.get(response["Location"]))
    assert "Finished: imported." in imported
    run = ImportRun.objects.get()
    assert reverse("importers:inspect", args=[run.pk]) in imported
    assert names() == {"T001": "Ada Lovelace", "T002": "Ben Example", "T003": "Cy Example"}


@pytest.mark.parametrize(("threshold", "page"), [(3, "progress"), (4, "preview")])
def test_an_excel_workbook_is_sized_by_its_rows(client, officer, settings, threshold, page):
    settings.INVOLVEMENT_IMPORT_BACKGROUND_ROWS = threshold
    rows = [f"N{n},Person {n},p{n}@example.com".split(",") for n in range(3)]

    response = upload(client, xlsx_bytes(HEADER.split(","), *rows), name="people.xlsx")

    assert resolve(response["Location"]).url_name == page


def test_the_progress_page_waits_for_the_worker_and_refreshes_itself(
    client, officer, held, settings
):
    settings.INVOLVEMENT_IMPORT_BACKGROUND_ROWS = 1
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "imports": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }

    response = client.get(upload(client, csv_bytes(HEADER, CY_NEW, BEN_AS_HELD))["Location"])

    html = text(response)
    assert "Waiting to start" in html
    assert '<meta http-equiv="refresh" content="3">' in html
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.PENDING


def test_the_progress_page_counts_rows_done_while_running(client, officer, held, settings):
    settings.INVOLVEMENT_IMPORT_BACKGROUND_ROWS = 1
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "imports": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    url = upload(client, csv_bytes(HEADER, CY_NEW, BEN_AS_HELD))["Location"]
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(outcome=ImportRun.Outcome.RUNNING, total_rows=10)
    cache.set(progress_key(run.pk), 4)

    html = text(client.get(url))

    assert "Checking: 4 of 10 rows done (40%)." in html
    assert '<meta http-equiv="refresh" content="3">' in html


# The history ---------------------------------------------------------------------------------


def test_the_history_filters_by_outcome_and_is_read_only(client, officer):
    ImportRun.objects.create(
        resource="people", file_name="done.csv", outcome=ImportRun.Outcome.IMPORTED
    )
    ImportRun.objects.create(
        resource="people", file_name="faulty.csv", outcome=ImportRun.Outcome.REFUSED
    )

    everything = text(client.get(reverse("importers:index")))
    imported = text(client.get(reverse("importers:index"), {"outcome": "imported"}))

    assert "done.csv" in everything
    assert "faulty.csv" in everything
    assert "done.csv" in imported
    assert "faulty.csv" not in imported
    assert "/edit/" not in everything
    assert "/delete/" not in everything


def test_the_history_leads_the_officer_back_to_a_preview_still_waiting(client, officer, held):
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    run = ImportRun.objects.get()
    detail = reverse("importers:inspect", args=[run.pk])

    waiting = text(client.get(detail))
    client.post(reverse("importers:cancel"), {"pending": token})
    cancelled = text(client.get(detail))

    assert "Back to the preview, to import or cancel" in waiting
    assert reverse("importers:preview", args=[token]) in waiting
    assert "Back to the preview" not in cancelled
    assert "Cancelled after preview, nothing written" in cancelled


def test_the_history_leads_only_the_uploader_back_to_their_preview(client, officers_pending):
    _, token, run = officers_pending
    staff(client, OFFICERS, username="other-officer")

    html = text(client.get(reverse("importers:inspect", args=[run.pk])))

    assert "people.csv" in html
    assert token not in html


def test_a_superuser_cannot_edit_or_delete_the_history(client):
    run = ImportRun.objects.create(resource="people", file_name="done.csv")
    client.force_login(User.objects.create_superuser("root", password="x"))

    html = text(client.get(reverse("importers:inspect", args=[run.pk])))

    assert "done.csv" in html
    assert "Edit" not in html.split("<main")[-1]
    assert client.get(f"/admin/importers/edit/{run.pk}/").status_code == 404


# Who may import ------------------------------------------------------------------------------


def test_officers_see_both_menu_items_and_editors_neither(client):
    staff(client, OFFICERS, username="officer")
    officer_home = text(client.get(reverse("wagtailadmin_home")))
    staff(client, EDITORS, username="editor")
    editor_home = text(client.get(reverse("wagtailadmin_home")))

    assert "Import records" in officer_home
    assert "Import history" in officer_home
    assert "Import records" not in editor_home
    assert "Import history" not in editor_home


@pytest.fixture
def officers_pending(client, held):
    """An officer's previewed file, and the URLs that reach it."""
    officer = staff(client, OFFICERS, username="officer")
    token, _ = preview(client, csv_bytes(HEADER, CY_NEW))
    run = ImportRun.objects.get()
    client.logout()
    return officer, token, run


def every_url(token, run):
    return [
        ("get", reverse("importers:upload"), {}),
        ("post", reverse("importers:upload"), {"resource": "people"}),
        ("get", reverse("importers:preview", args=[token]), {}),
        ("get", reverse("importers:progress", args=[token]), {}),
        ("post", reverse("importers:confirm"), {"pending": token}),
        ("post", reverse("importers:cancel"), {"pending": token}),
        ("get", reverse("importers:index"), {}),
        ("get", reverse("importers:inspect", args=[run.pk]), {}),
        ("get", reverse("importers:errors_csv", args=[run.pk]), {}),
    ]


def assert_refused(response, what):
    """Wagtail's admin refuses by sending the user to the dashboard with a message."""
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)], what
    assert REFUSED in text(response), what


def test_an_editor_is_refused_every_importer_url(client, officers_pending):
    _, token, run = officers_pending
    staff(client, EDITORS, username="editor")

    for method, url, data in every_url(token, run):
        if method == "post" and url == reverse("importers:upload"):
            data = {**data, "file": SimpleUploadedFile("people.csv", csv_bytes(HEADER, CY_NEW))}
        assert_refused(getattr(client, method)(url, data, follow=True), f"{method} {url}")

    assert ImportRun.objects.count() == 1
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.PREVIEWED
    assert "T003" not in names()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, officers_pending):
    _, token, run = officers_pending

    for method, url, data in every_url(token, run):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, f"{method} {url}"
        assert response["Location"].startswith(reverse("wagtailadmin_login"))

    assert "T003" not in names()


def test_another_officer_cannot_use_someone_elses_preview(client, officers_pending):
    _, token, _ = officers_pending
    staff(client, OFFICERS, username="other-officer")

    assert_refused(client.get(reverse("importers:preview", args=[token]), follow=True), "preview")
    assert_refused(confirm(client, token, follow=True), "confirm")
    assert "T003" not in names()
