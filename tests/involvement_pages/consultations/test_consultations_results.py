"""Officers' results: counts and percentages, written answers, the download, who may see them."""

import csv
import io

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from involvement_pages.consultations.results import percent
from involvement_pages.roles import EDITORS, OFFICERS
from tests.staff import staff

from .conftest import with_questions
from .factories import ConsultationPageFactory, ConsultationResponseFactory
from .tables import rows

PRIORITY = "which_repair_matters_most_to_you"
WAYS = "how_would_you_like_to_hear_back_from_us"
COMMENTS = "anything_else_about_repairs"
FIRST_TIME = "Getting it right first time"

# Five responses, counted by hand:
#   priority: first time 3 (60%), appointments 1 (20%), cleaning up 0 (0%),
#             "Out of hours" (an option since removed) 1 (20%), no answer 0 (0%)
#   ways:     letter 2 (40%), text 1 (20%), email 3 (60%), no answer 1 (20%)
RESPONSES = [
    {PRIORITY: FIRST_TIME, WAYS: ["Letter"], COMMENTS: "Fix the boiler first"},
    {PRIORITY: "Keeping appointments", WAYS: ["Letter", "Email"], COMMENTS: ""},
    {PRIORITY: FIRST_TIME, WAYS: [], COMMENTS: "=SUM(A1:A2)"},
    {PRIORITY: FIRST_TIME, WAYS: ["Text message", "Email"], COMMENTS: "<b>Bold</b> & 'quoted'"},
    {PRIORITY: "Out of hours", WAYS: ["Email"], COMMENTS: "Thank you"},
]


@pytest.fixture
def answered(consultation):
    for data in RESPONSES:
        ConsultationResponseFactory(page=consultation, form_data=data)
    return consultation


def results_url(page, **params):
    url = reverse("involvement_consultations:results", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.mark.parametrize(
    ("count", "total", "expected"),
    [(2, 3, 67), (1, 3, 33), (1, 8, 13), (0, 5, 0), (5, 5, 100), (0, 0, 0)],
)
def test_percentages_are_whole_numbers_rounded_half_up(count, total, expected):
    assert percent(count, total) == expected


def test_officer_sees_counts_and_percentages_per_answer(client, answered, officer):
    response = client.get(results_url(answered))
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 responses" in html
    assert rows(html, "Which repair matters most to you?") == [
        (FIRST_TIME, 3, "60%"),
        ("Keeping appointments", 1, "20%"),
        ("Cleaning up after", 0, "0%"),
        ("Out of hours", 1, "20%"),
        ("No answer", 0, "0%"),
    ]
    assert "no longer an option" in html
    assert rows(html, "How would you like to hear back from us?") == [
        ("Letter", 2, "40%"),
        ("Text message", 1, "20%"),
        ("Email", 3, "60%"),
        ("No answer", 1, "20%"),
    ]
    assert "can add up to more than 100%" in html


def test_written_answers_are_listed_as_text(client, answered, officer):
    html = client.get(results_url(answered)).content.decode()
    assert "Written answers" in html
    assert "Fix the boiler first" in html
    assert "=SUM(A1:A2)" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &#x27;quoted&#x27;" in html
    assert "<b>Bold</b>" not in html


def test_written_answers_are_paged(client, consultation, officer):
    for n in range(55):
        ConsultationResponseFactory(page=consultation, form_data={COMMENTS: f"Comment number {n}"})
    first = client.get(results_url(consultation)).content.decode()
    second = client.get(results_url(consultation, p=2)).content.decode()
    assert "Responses 1 to 50 of 55" in first
    assert "Comment number 49<" in first
    assert "Comment number 50<" not in first
    assert "Responses 51 to 55 of 55" in second
    assert "Comment number 54<" in second
    # A page number that is not one shows a page, never an error.
    assert client.get(results_url(consultation, p="abc")).status_code == 200
    assert client.get(results_url(consultation, p=999999)).status_code == 200


def test_results_of_a_consultation_with_no_answers_yet(client, consultation, officer):
    html = client.get(results_url(consultation)).content.decode()
    assert "0 responses" in html
    assert "No one has answered yet" in html


def test_names_are_shown_only_where_the_page_asked_for_them(client, consultation, officer):
    consultation.ask_for_contact = True
    consultation.save()
    ConsultationResponseFactory(
        page=consultation,
        form_data={PRIORITY: FIRST_TIME},
        respondent_name="Siobhán Kelly",
        respondent_contact="07700 900123",
    )
    html = client.get(results_url(consultation)).content.decode()
    assert "Siobhán Kelly" in html
    assert "07700 900123" in html


def test_download_has_every_response_with_formulas_made_inert(client, answered, officer):
    response = client.get(
        reverse("involvement_consultations:export", args=[answered.pk]) + "?export=csv"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="repairs-survey-responses.csv"'
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0] == [
        "Submission date",
        "Which repair matters most to you?",
        "How would you like to hear back from us?",
        "Anything else about repairs?",
    ]
    assert len(table) == 6
    assert table[2][1:] == ["Keeping appointments", "Letter, Email", ""]
    assert table[3][3] == "'=SUM(A1:A2)"
    assert table[4][3] == "<b>Bold</b> & 'quoted'"


def test_download_as_xlsx(client, answered, officer):
    response = client.get(
        reverse("involvement_consultations:export", args=[answered.pk]) + "?export=xlsx"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_consultations_list_counts_responses(client, answered, officer):
    html = client.get(reverse("involvement_consultations:index")).content.decode()
    assert answered.title in html
    assert "<td>5</td>" in html


# Who may see them ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["index", "results", "export"])
def test_editors_cannot_see_answers_even_though_they_edit_the_page(client, answered, name):
    staff(client, EDITORS)
    args = [] if name == "index" else [answered.pk]
    response = client.get(reverse(f"involvement_consultations:{name}", args=args), follow=True)
    # Wagtail's admin answers a refused view by going back to the dashboard with a message.
    assert response.redirect_chain == [("/admin/", 302)]
    html = response.content.decode()
    assert "do not have permission" in html
    assert "Fix the boiler first" not in html


def test_editors_cannot_open_answers_through_wagtails_forms_list(client, answered):
    staff(client, EDITORS)
    assert answered.permissions_for_user(User.objects.get()).can_edit()
    url = reverse("wagtailforms:list_submissions", args=[answered.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Fix the boiler first" not in response.content.decode()
    assert answered.title not in client.get(reverse("wagtailforms:index")).content.decode()


@pytest.mark.parametrize("name", ["index", "results", "export"])
def test_people_not_logged_in_are_sent_to_log_in(client, answered, name):
    args = [] if name == "index" else [answered.pk]
    response = client.get(reverse(f"involvement_consultations:{name}", args=args))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_results_of_a_page_that_is_not_a_consultation_is_not_found(client, index, officer):
    assert client.get(results_url(index)).status_code == 404


def test_results_button_in_the_page_listing_only_for_officers(client, answered):
    staff(client, EDITORS, OFFICERS)
    explore = reverse("wagtailadmin_explore", args=[answered.get_parent().pk])
    assert results_url(answered) in client.get(explore).content.decode()

    client.logout()
    staff(client, EDITORS, username="editor")
    assert results_url(answered) not in client.get(explore).content.decode()


def test_menu_item_only_for_officers(client, answered):
    staff(client, OFFICERS)
    assert reverse("involvement_consultations:index") in client.get("/admin/").content.decode()
    client.logout()
    staff(client, EDITORS, username="editor")
    assert reverse("involvement_consultations:index") not in client.get("/admin/").content.decode()


# Query bound ----------------------------------------------------------------------------------


def test_results_take_the_same_queries_for_few_and_many_responses(client, consultation, officer):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(results_url(consultation)).status_code == 200
        return len(captured)

    for data in RESPONSES:
        ConsultationResponseFactory(page=consultation, form_data=data)
    queries()  # the first visit to the admin also records the user's admin preferences
    few = queries()
    for n in range(60):
        ConsultationResponseFactory(page=consultation, form_data=RESPONSES[n % 5])
    many = queries()
    assert few == many
    assert many <= 20


def test_list_takes_the_same_queries_for_few_and_many_consultations(
    client, index, officer, django_assert_max_num_queries
):
    with_questions(ConsultationPageFactory(parent=index))
    with django_assert_max_num_queries(15):
        client.get(reverse("involvement_consultations:index"))
    for _ in range(8):
        ConsultationResponseFactory(page=ConsultationPageFactory(parent=index))
    with django_assert_max_num_queries(15):
        assert client.get(reverse("involvement_consultations:index")).status_code == 200


# Deleting one response ------------------------------------------------------------------------


def test_officer_deletes_one_response_after_confirming(client, answered, officer):
    doomed = answered.get_submissions().get(**{f"form_data__{COMMENTS}": "Thank you"})
    html = client.get(results_url(answered)).content.decode()
    url = reverse("involvement_consultations:delete_response", args=[answered.pk, doomed.pk])
    assert url in html

    confirm = client.get(url).content.decode()
    assert "Thank you" in confirm
    assert "Out of hours" in confirm
    assert answered.get_submissions().count() == 5

    response = client.post(url, follow=True)
    assert response.redirect_chain == [(results_url(answered), 302)]
    assert "The response has been deleted." in response.content.decode()
    assert "4 responses" in response.content.decode()
    assert not answered.get_submissions().filter(pk=doomed.pk).exists()


def test_a_response_of_another_consultation_cannot_be_deleted_from_this_one(
    client, answered, index, officer
):
    other = with_questions(ConsultationPageFactory(parent=index))
    theirs = ConsultationResponseFactory(page=other, form_data={COMMENTS: "Mine"})
    url = reverse("involvement_consultations:delete_response", args=[answered.pk, theirs.pk])
    assert client.post(url).status_code == 404
    assert other.get_submissions().count() == 1


def test_editors_cannot_delete_responses(client, answered):
    staff(client, EDITORS)
    response = answered.get_submissions().first()
    url = reverse("involvement_consultations:delete_response", args=[answered.pk, response.pk])
    assert client.post(url).status_code == 302
    assert answered.get_submissions().count() == 5
