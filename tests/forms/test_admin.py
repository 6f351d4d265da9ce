"""Who can see residents' data in the admin, and what the register's list and exports show."""

import csv
import io

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import openpyxl
import pytest

from forms.choices import SignUpStatus
from forms.models import SignUp
from tests.forms.factories import EqualityFactory, PersonFactory, SignUpFactory
from tests.involvement_pages.factories import AreaFactory, ServiceAreaFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

EDITORS, OFFICERS, EQUALITY = "Communications editors", "Involvement officers", "Equality data"
REFUSED = "Sorry, you do not have permission to access this area."


def assert_refused(client, url, secret):
    response = client.get(url, follow=True)
    html = response.content.decode()
    assert response.redirect_chain, f"{url} answered instead of refusing"
    assert REFUSED in html
    assert secret not in html


@pytest.fixture
def ada(join_page):
    person = PersonFactory(name="Ada Secretname", email="ada.secret@example.com")
    SignUpFactory(person=person, page__parent=join_page.get_parent())
    return person


# Communications editors -------------------------------------------------------------


def test_an_editor_can_edit_the_join_form_wording(client, join_page):
    staff(client, EDITORS)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[join_page.pk]))

    assert response.status_code == 200


def test_an_editor_keeps_the_menu_lists_and_the_calendars_venues(client):
    staff(client, EDITORS)

    for app, model in (
        ("involvement_pages", "supportoption"),
        ("involvement_pages", "area"),
        ("involvement_calendar", "venue"),
    ):
        response = client.get(reverse(f"wagtailsnippets_{app}_{model}:list"))
        assert response.status_code == 200, model


@pytest.mark.parametrize(
    "url_name",
    ["involvement_register:index", "involvement_sign_ups:index", "involvement_equality:index"],
)
def test_an_editor_cannot_reach_personal_data_lists_by_url(client, ada, url_name):
    staff(client, EDITORS)

    assert_refused(client, reverse(url_name), "Ada Secretname")
    assert_refused(client, reverse(url_name) + "?export=csv", "Ada Secretname")


def test_an_editor_cannot_open_one_person_by_url(client, ada):
    staff(client, EDITORS)

    assert_refused(client, reverse("involvement_register:inspect", args=[ada.pk]), "Secretname")
    assert_refused(client, reverse("involvement_register:edit", args=[ada.pk]), "Secretname")


def test_an_editor_cannot_see_form_submissions_through_wagtails_forms_admin(client, join_page, ada):
    from forms.models import RegisterSubmission

    RegisterSubmission.objects.create(page=join_page, person=ada, form_data={})
    staff(client, EDITORS)

    listing = client.get(reverse("wagtailforms:index"))
    submissions = client.get(reverse("wagtailforms:list_submissions", args=[join_page.pk]))

    assert join_page.title not in listing.content.decode()
    assert submissions.status_code in (302, 403)
    assert "Secretname" not in submissions.content.decode()


def test_an_editor_managing_areas_does_not_see_who_lives_there(client, ada):
    area = AreaFactory(name="Hartlepool", slug="hartlepool")
    ada.area = area
    ada.save()
    staff(client, EDITORS)

    usage = client.get(reverse("wagtailsnippets_involvement_pages_area:usage", args=[area.pk]))

    assert usage.status_code == 200
    assert "Secretname" not in usage.content.decode()


def test_the_admin_menu_shows_each_group_only_its_own_items(client):
    staff(client, EDITORS)
    editor_menu = client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    staff(client, OFFICERS)
    officer_menu = client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    staff(client, EQUALITY)
    equality_menu = client.get(reverse("wagtailadmin_home")).content.decode()

    register_url = reverse("involvement_register:index")
    equality_url = reverse("involvement_equality:index")
    assert register_url not in editor_menu
    assert equality_url not in editor_menu
    assert register_url in officer_menu
    assert equality_url not in officer_menu
    assert equality_url in equality_menu
    assert register_url not in equality_menu


# Involvement officers ---------------------------------------------------------------


def test_an_officer_sees_the_register_and_searches_it(client, ada):
    PersonFactory(name="Ben Other", email="ben@example.com")
    staff(client, OFFICERS)

    everyone = client.get(reverse("involvement_register:index")).content.decode()
    searched = client.get(reverse("involvement_register:index"), {"q": "ada.secret"})

    assert "Ada Secretname" in everyone
    assert "Ben Other" in everyone
    assert "Ada Secretname" in searched.content.decode()
    assert "Ben Other" not in searched.content.decode()


def test_an_officer_filters_by_area_interest_and_activity(client):
    hartlepool = AreaFactory(name="Hartlepool", slug="hartlepool")
    repairs = ServiceAreaFactory(name="Repairs", slug="repairs")
    match = PersonFactory(name="Cara Match", area=hartlepool)
    match.interests.add(repairs)
    PersonFactory(name="Dan Elsewhere")
    gone = PersonFactory(name="Eve Inactive", area=hartlepool, is_active=False)
    gone.interests.add(repairs)
    staff(client, OFFICERS)

    response = client.get(
        reverse("involvement_register:index"),
        {"area": hartlepool.pk, "interests": repairs.pk, "is_active": "true"},
    )

    html = response.content.decode()
    assert "Cara Match" in html
    assert "Dan Elsewhere" not in html
    assert "Eve Inactive" not in html


def test_an_officer_inspects_a_person_with_their_sign_ups_but_no_equality_data(client, ada):
    EqualityFactory(person=ada, gender="woman")
    staff(client, OFFICERS)

    html = client.get(reverse("involvement_register:inspect", args=[ada.pk])).content.decode()

    assert "Ada Secretname" in html
    assert "Has a place" in html
    assert "Equality" not in html
    assert "Woman" not in html


def test_an_officer_cannot_reach_equality_data_by_url(client, ada):
    record = EqualityFactory(person=ada)
    staff(client, OFFICERS)

    assert_refused(client, reverse("involvement_equality:index"), "Secretname")
    assert_refused(client, reverse("involvement_equality:inspect", args=[record.pk]), "35 to 44")


def test_the_register_list_reads_a_fixed_number_of_queries(client):
    staff(client, OFFICERS)
    area = AreaFactory(name="Hartlepool", slug="hartlepool")
    url = reverse("involvement_register:index")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    PersonFactory.create_batch(3, area=area)
    few = count()
    PersonFactory.create_batch(17, area=area)
    assert count() == few


def read_csv(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_register_export_escapes_formulas_and_leaves_out_equality_data(client):
    hyperlink = '=HYPERLINK("http://evil.example","Click me")'
    person = PersonFactory(name=hyperlink, skills="+44 formula", email="eve@example.com")
    EqualityFactory(person=person, gender="woman")
    staff(client, OFFICERS)

    response = client.get(reverse("involvement_register:index"), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="involvement-register')
    (row,) = read_csv(response)
    assert row["Full name"] == "'" + hyperlink
    assert row["Skills"] == "'+44 formula"
    assert row["Email"] == "eve@example.com"
    assert not {"Gender", "Age band", "Ethnicity", "Religion"} & set(row)
    assert "woman" not in response.content.decode().lower()


def test_the_register_xlsx_export_holds_the_formula_as_inert_text(client):
    PersonFactory(name="=1+1", email="eve@example.com")
    staff(client, OFFICERS)

    response = client.get(reverse("involvement_register:index"), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Full name") + 1)
    assert cell.value == "'=1+1"
    assert cell.data_type == "s"


def test_the_export_follows_the_lists_filters(client):
    hartlepool = AreaFactory(name="Hartlepool", slug="hartlepool")
    PersonFactory(name="Cara Match", area=hartlepool)
    PersonFactory(name="Dan Elsewhere")
    staff(client, OFFICERS)

    response = client.get(
        reverse("involvement_register:index"), {"export": "csv", "area": hartlepool.pk}
    )

    assert [row["Full name"] for row in read_csv(response)] == ["Cara Match"]


def test_the_sign_ups_list_and_export_show_extra_answers_with_names_escaped(client, sign_up_page):
    SignUpFactory(page=sign_up_page, person__name="@SUM(1+1)", form_data={"dietary_needs": "Vegan"})
    staff(client, OFFICERS)

    listing = client.get(reverse("involvement_sign_ups:index"), {"page": sign_up_page.pk})
    export = client.get(reverse("involvement_sign_ups:index"), {"export": "csv"})

    assert sign_up_page.title in listing.content.decode()
    (row,) = read_csv(export)
    assert row["name"] == "'@SUM(1+1)"
    assert row["answers to extra questions"] == "dietary_needs: Vegan"


# Equality data ----------------------------------------------------------------------


def test_the_equality_group_sees_answers_and_exports_them_without_names(client, ada):
    EqualityFactory(person=ada, gender="prefer_not_to_say", religion="")
    staff(client, EQUALITY)

    listing = client.get(reverse("involvement_equality:index")).content.decode()
    response = client.get(reverse("involvement_equality:index"), {"export": "csv"})

    assert "Prefer not to say" in listing
    (row,) = read_csv(response)
    assert row["gender"] == "Prefer not to say"
    assert row["religion"] == ""
    assert row["person id"] == str(ada.pk)
    assert "Secretname" not in response.content.decode()


def test_the_equality_group_alone_cannot_open_the_register(client, ada):
    staff(client, EQUALITY)

    assert_refused(client, reverse("involvement_register:index"), "ada.secret@example.com")


def test_someone_in_both_groups_finds_the_equality_answers_from_the_person(client, ada):
    record = EqualityFactory(person=ada)
    staff(client, OFFICERS, EQUALITY)

    html = client.get(reverse("involvement_register:inspect", args=[ada.pk])).content.decode()

    assert reverse("involvement_equality:inspect", args=[record.pk]) in html


def test_the_equality_group_can_delete_answers_when_consent_is_withdrawn(client, ada):
    from forms.models import EqualityMonitoring, Person

    record = EqualityFactory(person=ada)
    staff(client, EQUALITY)

    response = client.post(reverse("involvement_equality:delete", args=[record.pk]))

    assert response.status_code == 302
    assert not EqualityMonitoring.objects.exists()
    assert Person.objects.filter(pk=ada.pk).exists()


# Editors' questions -----------------------------------------------------------------


def test_an_editor_cannot_add_a_question_that_clashes_with_a_register_question(client, menu):
    staff(client, EDITORS)
    url = reverse("wagtailadmin_pages:add", args=["involvement_forms", "registerformpage", menu.pk])
    data = nested_form_data(
        {
            "title": "Join us",
            "slug": "join-us",
            "privacy_notice_url": "/privacy/",
            "intro": rich_text(""),
            "thank_you_text": rich_text(""),
            "ask_equality_questions": "on",
            "form_fields": inline_formset(
                [{"label": "Email", "field_type": "singleline", "required": "", "choices": ""}]
            ),
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "The form already asks this question" in response.content.decode()


def test_restoring_a_cancelled_sign_up_beside_a_live_one_is_explained_not_an_error(client, ada):
    live = SignUpFactory(person=ada, status=SignUpStatus.PLACE)
    cancelled = SignUpFactory(person=ada, page=live.page, status=SignUpStatus.CANCELLED)
    staff(client, OFFICERS)

    response = client.post(
        reverse("involvement_sign_ups:edit", args=[cancelled.pk]), {"status": "waiting"}
    )

    assert response.status_code == 200
    assert "already has a place or a waiting-list spot on this form" in response.content.decode()
    cancelled.refresh_from_db()
    assert cancelled.status == SignUpStatus.CANCELLED


def test_an_officer_can_still_change_a_sign_ups_status(client, ada):
    place = SignUpFactory(person=ada, status=SignUpStatus.PLACE)
    staff(client, OFFICERS)

    response = client.post(
        reverse("involvement_sign_ups:edit", args=[place.pk]), {"status": "cancelled"}
    )

    assert response.status_code == 302
    place.refresh_from_db()
    assert place.status == SignUpStatus.CANCELLED


def test_an_officer_who_cancels_a_place_gives_it_to_the_first_person_waiting(
    client, sign_up_page, send_on_commit
):
    place, _ = (SignUpFactory(page=sign_up_page) for _ in range(2))
    first, second = (
        SignUpFactory(page=sign_up_page, status=SignUpStatus.WAITING, person__name=name)
        for name in ("Bea Firstwaiting", "Cal Secondwaiting")
    )
    staff(client, OFFICERS)

    response = send_on_commit(
        client, reverse("involvement_sign_ups:edit", args=[place.pk]), {"status": "cancelled"}
    )

    assert response.status_code == 302
    listing = client.get(response["Location"]).content.decode()
    assert "Bea Firstwaiting was first on the waiting list, now has the place" in listing
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SignUpStatus.PLACE, SignUpStatus.WAITING)
    assert [m.to for m in mail.outbox if m.subject.startswith("A place has come up")] == [
        [first.person.email]
    ]


def test_an_officer_who_cancels_a_waiting_list_spot_moves_no_one(client, sign_up_page):
    places = [SignUpFactory(page=sign_up_page) for _ in range(2)]
    waiting, behind = (
        SignUpFactory(page=sign_up_page, status=SignUpStatus.WAITING) for _ in range(2)
    )
    staff(client, OFFICERS)

    client.post(reverse("involvement_sign_ups:edit", args=[waiting.pk]), {"status": "cancelled"})

    statuses = [s.status for s in SignUp.objects.filter(pk__in=[p.pk for p in places])]
    behind.refresh_from_db()
    assert statuses == [SignUpStatus.PLACE] * 2
    assert behind.status == SignUpStatus.WAITING


def test_an_officer_who_moves_someone_to_the_waiting_list_gives_the_place_to_another(
    client, sign_up_page
):
    moved, kept = (SignUpFactory(page=sign_up_page) for _ in range(2))
    waiting = SignUpFactory(page=sign_up_page, status=SignUpStatus.WAITING)
    staff(client, OFFICERS)

    client.post(reverse("involvement_sign_ups:edit", args=[moved.pk]), {"status": "waiting"})

    statuses = dict(SignUp.objects.values_list("pk", "status"))
    assert statuses == {
        moved.pk: SignUpStatus.WAITING,  # signed up first, but not handed straight back
        kept.pk: SignUpStatus.PLACE,
        waiting.pk: SignUpStatus.PLACE,
    }


# Where officers' notices go ----------------------------------------------------------


def join_form_edit(join_page, **changes):
    return nested_form_data(
        {
            "title": join_page.title,
            "slug": join_page.slug,
            "privacy_notice_url": join_page.privacy_notice_url,
            "intro": rich_text(""),
            "thank_you_text": rich_text(""),
            "ask_equality_questions": "on",
            "contact_details": join_page.contact_details,
            "form_fields": inline_formset([]),
            "action-publish": "publish",
            **changes,
        }
    )


def test_an_editor_neither_sees_nor_changes_where_officers_notices_go(client, join_page):
    join_page.to_address = "register-team@thirteen.example"
    join_page.save()
    staff(client, EDITORS)
    url = reverse("wagtailadmin_pages:edit", args=[join_page.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url, join_form_edit(join_page, title="Join us", to_address="harvest@elsewhere.example")
    )

    assert 'name="to_address"' not in form
    assert "register-team@thirteen.example" not in form
    assert response.status_code == 302
    join_page.refresh_from_db()
    assert join_page.title == "Join us"  # the rest of the edit is saved
    assert join_page.to_address == "register-team@thirteen.example"


def test_an_officer_who_edits_the_form_sets_where_officers_notices_go(client, join_page):
    staff(client, EDITORS, OFFICERS)
    url = reverse("wagtailadmin_pages:edit", args=[join_page.pk])

    form = client.get(url).content.decode()
    response = client.post(url, join_form_edit(join_page, to_address="team@thirteen.example"))

    assert 'name="to_address"' in form
    assert response.status_code == 302
    join_page.refresh_from_db()
    assert join_page.to_address == "team@thirteen.example"


def test_the_equality_group_works_on_numbers_never_names(client, ada):
    record = EqualityFactory(person=ada, gender="woman")
    staff(client, EQUALITY)
    screens = [
        client.get(reverse("involvement_equality:index")),
        client.get(reverse("involvement_equality:index"), {"q": "Secretname"}),
        client.get(reverse("involvement_equality:inspect", args=[record.pk])),
        client.get(reverse("involvement_equality:delete", args=[record.pk])),
    ]

    for response in screens:
        html = response.content.decode()
        assert response.status_code == 200
        assert f"person {ada.pk}" in html
        assert "Ada Secretname" not in html
        assert "ada.secret@example.com" not in html
    assert str(record) == f"Equality answers of person {ada.pk}"
