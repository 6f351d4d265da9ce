"""Subject access: an officer downloads everything held about one person as one zip."""

import html

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import pytest

from forms.audit import EQUALITY_VIEWED, PERSON_EXPORTED, PERSON_VIEWED
from forms.models import AccessLogEntry, EqualityMonitoring, Person
from involvement_pages.roles import EDITORS, EQUALITY, OFFICERS
from tests.forms.factories import PersonFactory
from tests.forms.subject_access_helpers import csv_rows, full_person, json_rows, read_zip
from tests.involvement_pages.money_factories import mileage
from tests.staff import staff

pytestmark = pytest.mark.django_db

SECTIONS = [
    "register-record",
    "sign-ups",
    "join-forms",
    "equality",
    "panel-memberships",
    "meetings-attended",
    "expense-claims",
    "grant-applications",
    "consultation-responses",
    "import-history",
    "audit-log",
]


def export_url(person):
    return reverse("involvement_register:export_person", args=[person.pk])


@pytest.fixture
def ada(menu, home):
    return full_person(menu, home, mileage())


def download(client, person):
    response = client.get(export_url(person))
    assert response.status_code == 200
    return response, read_zip(response.content)


def test_the_zip_holds_every_section_as_json_and_csv_with_an_index(client, ada):
    staff(client, OFFICERS, EQUALITY)

    response, files = download(client, ada)

    expected = {"index.html"} | {f"{s}.{ext}" for s in SECTIONS for ext in ("json", "csv")}
    assert set(files) == expected
    assert response["Content-Type"] == "application/zip"
    assert "export-CV-0042-" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.zip"')
    for section in SECTIONS[:-1]:  # the audit log of a first export may be empty of views
        assert json_rows(files, section), section


def test_each_section_holds_the_persons_own_data(client, ada):
    staff(client, OFFICERS, EQUALITY)

    _, files = download(client, ada)

    record = json_rows(files, "register-record")[0]
    assert record["Full name"] == "Ada Lovelace"
    assert record["Date of birth"] == "1961-05-17"
    assert record["Communication needs"] == ["Large print"]
    assert record["Reference"] == "CV-0042"
    assert json_rows(files, "sign-ups")[0]["Answers to extra questions"] == {
        "dietary": "Vegetarian"
    }
    assert json_rows(files, "sign-ups")[0]["Came on"] == "2025-03-01"
    assert json_rows(files, "join-forms")[0]["Answers to extra questions"] == {
        "hopes": "Better repairs"
    }
    assert json_rows(files, "panel-memberships")[0]["Start date"] == "2025-04-01"
    assert json_rows(files, "meetings-attended")[0]["Date"] == "2025-06-01"
    line = json_rows(files, "expense-claims")[0]
    assert (line["Line note"], line["Amount"]) == ("Bus to the civic centre", "4.00")
    assert json_rows(files, "grant-applications")[0]["Project"] == "Community garden 0"
    assert json_rows(files, "consultation-responses")[0]["Answers"] == {"comments": "Fix the lifts"}
    assert json_rows(files, "import-history")[0]["Reference in the file"].startswith("OLD-")
    assert json_rows(files, "equality")[0]["Gender"] == "Woman"
    assert csv_rows(files, "sign-ups")[0]["Answers to extra questions"] == "dietary: Vegetarian"
    index = files["index.html"]
    assert "<h1>Everything we hold about Ada Lovelace</h1>" in index
    assert '<a href="expense-claims.csv">' in index
    assert "Receipts" in index


def test_anothers_data_stays_out(client, ada, menu, home):
    other = full_person(
        menu, home, mileage(), email="bea@example.com", name="Bea Other", legacy_reference="CV-0043"
    )
    staff(client, OFFICERS, EQUALITY)

    _, files = download(client, ada)

    assert "Bea Other" not in "".join(files.values())
    assert "bea@example.com" not in "".join(files.values()).lower()
    assert other.pk


def test_an_officer_outside_the_equality_group_gets_no_equality_answers(client, ada):
    staff(client, OFFICERS)

    _, files = download(client, ada)

    assert "equality.json" not in files
    assert "equality.csv" not in files
    assert "Equality monitoring answers are held for this person" in files["index.html"]
    assert "Woman" not in "".join(files.values())


def test_a_person_without_equality_answers_gets_an_empty_section(client):
    person = PersonFactory()
    staff(client, OFFICERS, EQUALITY)

    _, files = download(client, person)

    assert json_rows(files, "equality") == []
    assert "are held for this person" not in files["index.html"]


def test_formulas_are_escaped_in_the_csv_files_and_kept_in_json(client):
    person = PersonFactory(name='=HYPERLINK("http://evil.example")', skills="+44 calls")
    staff(client, OFFICERS)

    _, files = download(client, person)

    row = csv_rows(files, "register-record")[0]
    assert row["Full name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Skills"] == "'+44 calls"
    assert json_rows(files, "register-record")[0]["Full name"].startswith("=HYPERLINK")


def test_the_download_is_never_stored(client, ada):
    staff(client, OFFICERS)

    response, _ = download(client, ada)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_persons_page_has_the_button(client, ada):
    staff(client, OFFICERS)

    response = client.get(reverse("involvement_register:inspect", args=[ada.pk]))

    assert "Download everything we hold" in response.content.decode()
    assert export_url(ada) in response.content.decode()


def test_editors_are_refused(client, ada):
    staff(client, EDITORS)

    response = client.get(export_url(ada))

    assert response.status_code == 403
    assert not AccessLogEntry.objects.filter(action=PERSON_EXPORTED).exists()


def test_the_equality_group_alone_is_refused(client, ada):
    staff(client, EQUALITY)

    assert client.get(export_url(ada)).status_code == 403


def test_anonymous_visitors_go_to_the_login(client, ada):
    response = client.get(export_url(ada))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unknown_person_is_not_found(client):
    staff(client, OFFICERS)

    assert (
        client.get(reverse("involvement_register:export_person", args=[999999])).status_code == 404
    )


# Audit log -------------------------------------------------------------------------------


def entries(action):
    return AccessLogEntry.objects.filter(action=action)


def test_viewing_a_person_is_logged(client, ada):
    user = staff(client, OFFICERS)

    client.get(reverse("involvement_register:inspect", args=[ada.pk]))

    entry = entries(PERSON_VIEWED).get()
    assert (entry.user, entry.object_id) == (user, str(ada.pk))
    assert entry.content_type == ContentType.objects.get_for_model(Person)


def test_viewing_equality_answers_is_logged_without_the_answers_or_a_name(client, ada):
    equality = EqualityMonitoring.objects.get(person=ada)
    user = staff(client, EQUALITY)

    response = client.get(reverse("involvement_equality:inspect", args=[equality.pk]))

    assert response.status_code == 200
    entry = entries(EQUALITY_VIEWED).get()
    assert entry.user == user
    held = f"{entry.label} {entry.data} {entry.message}"
    assert "Woman" not in held
    assert "woman" not in held
    assert "35_44" not in held
    assert "Ada" not in held


def test_exporting_is_logged_and_holds_no_answers(client, ada):
    user = staff(client, OFFICERS, EQUALITY)

    download(client, ada)

    entry = entries(PERSON_EXPORTED).get()
    assert entry.user == user
    assert entry.data == {"equality_included": True, "via": "admin"}
    assert "woman" not in str(entry.data).lower()


def test_the_export_lists_earlier_views_and_exports(client, ada):
    staff(client, OFFICERS, EQUALITY)
    client.get(reverse("involvement_register:inspect", args=[ada.pk]))
    download(client, ada)

    _, files = download(client, ada)

    what = [row["What"] for row in json_rows(files, "audit-log")]
    assert "Viewed their record in the register" in what
    assert "Exported everything held about them" in what


def test_administrators_see_the_entries_in_the_site_history(admin_client, ada):
    admin_client.get(reverse("involvement_register:inspect", args=[ada.pk]))

    response = admin_client.get(reverse("wagtailadmin_reports:site_history"))

    assert response.status_code == 200
    assert "Viewed their record in the register" in response.content.decode()


@pytest.mark.parametrize("groups", [(OFFICERS,), (OFFICERS, EQUALITY), (EQUALITY,)])
def test_staff_who_are_not_administrators_do_not_see_who_viewed_or_exported(
    client, admin_client, ada, groups
):
    equality = EqualityMonitoring.objects.get(person=ada)
    admin_client.get(reverse("involvement_register:inspect", args=[ada.pk]))
    admin_client.get(reverse("involvement_equality:inspect", args=[equality.pk]))
    download(admin_client, ada)
    staff(client, *groups)

    pages = [
        client.get(reverse("wagtailadmin_reports:site_history")),
        client.get(reverse("wagtailadmin_reports:site_history") + "?action=" + PERSON_VIEWED),
        client.get(reverse("involvement_register:history", args=[ada.pk])),
    ]

    shown = " ".join(html.unescape(page.content.decode()) for page in pages)
    for words in (
        "Viewed their record in the register",
        "Viewed their equality answers",
        "Exported everything held about them",
        "View person",
        "Export person",
    ):
        assert words not in shown
    assert pages[0].status_code == 200
    admin_page = admin_client.get(reverse("wagtailadmin_reports:site_history"))
    for words in (
        "Viewed their record in the register",
        "Viewed their equality answers",
        "Exported everything held about them",
    ):
        assert words in admin_page.content.decode()


# Query bound -----------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 5])
def test_queries_do_not_grow_with_the_persons_records(
    client, menu, home, n, django_assert_max_num_queries
):
    person = full_person(menu, home, mileage(), n=n)
    staff(client, OFFICERS, EQUALITY)

    with django_assert_max_num_queries(30):
        response = client.get(export_url(person))

    assert response.status_code == 200
    assert len(json_rows(read_zip(response.content), "sign-ups")) == n


def test_a_strange_reference_cannot_break_the_file_name(client):
    person = PersonFactory(legacy_reference='../"evil"\r\nX: y')
    staff(client, OFFICERS)

    response, files = download(client, person)

    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="export-evil-X-y-')
    assert "/" not in disposition.split("filename=")[1]
    assert '../"evil"' in json_rows(files, "register-record")[0]["Reference"]
