import re

from django.core import mail

import pytest

from forms.links import submission_token
from forms.models import EqualityMonitoring, Person, RegisterSubmission
from forms.models.pages import LEAVE_SALT
from forms.signups import CANCEL_SALT
from tests.forms.conftest import join_data
from tests.forms.factories import RegisterFormFieldFactory
from tests.involvement_pages.factories import AreaFactory, LandlordFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def test_join_form_asks_in_fieldsets_with_autocomplete_and_no_browser_validation(client, join_page):
    response = client.get(join_page.url)

    html = html_of(response)
    assert response.status_code == 200
    assert "novalidate" in html
    assert 'autocomplete="name"' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="tel"' in html
    assert 'autocomplete="postal-code"' in html
    assert 'autocomplete="street-address"' in html
    assert '<legend class="inv-fieldset__legend">Which of these best describes you?<' in html
    assert " required" not in html
    assert 'href="https://thirteen.example/privacy"' in html


def test_each_sensitive_question_says_why_it_is_asked(client, join_page):
    html = html_of(client.get(join_page.url))

    for why in (
        "We ask so that we can send you information you can use",
        "We ask so that you are not left out or out of pocket",
        "We ask because some groups are for tenants or leaseholders only",
        "We ask to check that people from every part of our community can take part",
        "We ask to check that younger and older residents are both heard",
        "We ask to find the communities we are not hearing from yet",
        "We ask to check that disabled residents can take part, and do",
        "We ask to check that lesbian, gay and bisexual residents feel able to join in",
        "We ask to check that people of every faith, and none, take part",
        "We ask to check that people of every gender take part",
    ):
        assert why in html
    assert html.count(">Prefer not to say<") == 6


def test_a_valid_join_adds_one_person_with_their_answers_and_redirects_to_a_confirmation(
    client, join_page
):
    repairs = ServiceAreaFactory(slug="repairs", name="Repairs")
    area = AreaFactory(slug="hartlepool", name="Hartlepool")
    landlord = LandlordFactory(slug="housing-hartlepool", name="Housing Hartlepool")

    response = client.post(
        join_page.url,
        join_data(
            email="Ada@Example.com",
            phone="+44 7700 900123",
            postcode="ts24 7aa",
            landlord="housing-hartlepool",
            area="hartlepool",
            interests=["repairs"],
            availability=["evenings"],
            ways_to_take_part=["online"],
            communication_needs=["large-print"],
            support_needs=["childcare"],
            how_heard="magazine",
        ),
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.name, person.email, person.phone, person.postcode) == (
        "Ada Example",
        "ada@example.com",
        "07700900123",
        "TS24 7AA",
    )
    assert (person.landlord, person.area, person.tenure) == (landlord, area, "tenant")
    assert list(person.interests.all()) == [repairs]
    assert [a.slug for a in person.availability.all()] == ["evenings"]
    assert [c.slug for c in person.communication_needs.all()] == ["large-print"]
    assert [s.slug for s in person.support_needs.all()] == ["childcare"]
    assert RegisterSubmission.objects.get().person == person

    confirmation = client.get(response["Location"])
    assert "Thank you for joining" in html_of(confirmation)
    assert "ada@example.com" in html_of(confirmation)


def test_errors_show_a_summary_linking_to_each_field_and_keep_what_was_typed(client, join_page):
    response = client.post(
        join_page.url, join_data(name="", email="not-an-email", postcode="nowhere", tenure="")
    )

    html = html_of(response)
    assert response.status_code == 200
    assert "<title>Error: " in html
    start = html.index('class="inv-error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert '<a href="#id_name">Enter your full name</a>' in summary
    assert "Enter an email address in the correct format, like name@example.com" in summary
    assert '<a href="#id_postcode">Enter a real postcode, like TS1 2AB</a>' in summary
    assert '<a href="#id_tenure_0">Choose the answer that best describes you</a>' in summary
    assert 'id="id_name-error"' in html
    assert re.search(r'aria-describedby="[^"]*id_email-error"', html)
    assert 'value="not-an-email"' in html
    assert 'value="nowhere"' in html
    assert Person.objects.count() == 0


def test_no_email_and_no_phone_is_one_clear_error(client, join_page):
    response = client.post(join_page.url, join_data(email="", phone=""))

    assert "Enter an email address or a phone number so we can reach you" in html_of(response)
    assert Person.objects.count() == 0


def test_choosing_letters_needs_an_address(client, join_page):
    response = client.post(join_page.url, join_data(contact_method="post"))

    assert "Enter your address, or choose another way" in html_of(response)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "Ada\x00 Example",
        "\u202eelpmaxE adA",
        "Zoë 👍 Siobhán",
    ],
)
def test_hostile_or_unusual_names_are_stored_as_plain_text_and_shown_escaped(
    client, join_page, hostile
):
    response = client.post(join_page.url, join_data(name=hostile))

    assert response.status_code == 302
    person = Person.objects.get()
    assert "\x00" not in person.name
    assert "\u202e" not in person.name
    page = html_of(client.get(response["Location"]))
    assert "<script>alert(1)</script>" not in page


def test_a_ten_thousand_character_name_is_refused_politely(client, join_page):
    response = client.post(join_page.url, join_data(name="A" * 10_000))

    assert "Full name must be 200 characters or fewer" in html_of(response)
    assert Person.objects.count() == 0


def test_editors_extra_questions_are_asked_and_their_answers_kept_with_the_submission(
    client, join_page
):
    RegisterFormFieldFactory(page=join_page, label="What would make it easier to take part?")

    form_html = html_of(client.get(join_page.url))
    assert "What would make it easier to take part?" in form_html

    client.post(
        join_page.url,
        join_data(what_would_make_it_easier_to_take_part="Evening meetings"),
    )

    submission = RegisterSubmission.objects.get()
    assert submission.form_data == {"what_would_make_it_easier_to_take_part": "Evening meetings"}


def test_personal_and_equality_answers_never_go_into_the_submission_json(client, join_page):
    client.post(
        join_page.url,
        join_data(phone="07700900123", gender="woman", equality_consent="on"),
    )

    submission = RegisterSubmission.objects.get()
    assert submission.form_data == {}
    assert EqualityMonitoring.objects.get().gender == "woman"


def test_an_editor_question_may_not_take_the_name_of_a_register_question(join_page):
    from forms.forms import InvolvementFormBuilder, RegisterForm

    RegisterFormFieldFactory(page=join_page, label="Email", field_type="singleline")
    form_class = InvolvementFormBuilder(join_page.get_form_fields(), RegisterForm).get_form_class()

    assert type(form_class.base_fields["email"]).__name__ == "EmailField"


def test_a_second_post_of_the_same_form_leaves_one_person_and_one_submission(client, join_page):
    client.post(join_page.url, join_data())
    client.post(join_page.url, join_data())

    assert Person.objects.count() == 1
    assert RegisterSubmission.objects.count() == 1


def test_forms_work_without_javascript_a_plain_post_is_enough(client, join_page):
    """No script builds or sends the form: the page has no script of its own."""
    html = html_of(client.get(join_page.url))

    assert "<script" not in html.split("<footer")[0].split('<main id="main-content"')[1]
    assert f'<form method="post" action="{join_page.url}"' in html


def test_joining_with_every_list_ticked_takes_a_bounded_number_of_queries(
    client, join_page, django_assert_max_num_queries
):
    ServiceAreaFactory(slug="repairs", name="Repairs")
    ServiceAreaFactory(slug="rent", name="Rent")
    client.get(join_page.url)
    answers = join_data(
        interests=["repairs", "rent"],
        availability=["evenings", "weekends"],
        ways_to_take_part=["online"],
        communication_needs=["large-print"],
        support_needs=["childcare"],
        gender="woman",
        equality_consent="on",
    )

    with django_assert_max_num_queries(36):
        response = client.post(join_page.url, answers)

    assert response.status_code == 302


def leave_link(email):
    return re.search(r"http://testserver(/\S+/leave/\S+/)", email.body).group(1)


def test_a_resident_leaves_the_register_by_the_link_in_their_welcome_email(
    client, join_page, send_on_commit
):
    send_on_commit(client, join_page.url, join_data(gender="woman", equality_consent="on"))
    welcome = mail.outbox[0]
    assert welcome.to == ["ada@example.com"]
    link = leave_link(welcome)
    mail.outbox.clear()

    confirm = html_of(client.get(link))
    assert "Leave the involvement register" in confirm
    assert "ada@example.com" in confirm
    assert Person.objects.get().is_active

    left = html_of(send_on_commit(client, link))

    assert "You have left the register" in left
    assert "Call 01632 960 000" in left
    person = Person.objects.get()
    assert not person.is_active
    assert not EqualityMonitoring.objects.exists()
    (notice,) = mail.outbox
    assert notice.to == ["involvement@thirteen.example"]
    assert notice.subject == "Left the register: Join the Customer Voice"
    assert "Ada Example has left the involvement register" in notice.body

    again = html_of(client.post(link))
    assert "You have already left the involvement register" in again

    send_on_commit(client, join_page.url, join_data())
    person.refresh_from_db()
    assert person.is_active  # joining again brings them back


def test_a_leave_link_cannot_be_altered_or_turned_from_a_cancel_link(client, join_page):
    client.post(join_page.url, join_data())
    mine = RegisterSubmission.objects.get()
    theirs = RegisterSubmission.objects.create(
        page=join_page,
        person=Person.objects.create(name="Bo Other", email="bo@example.com"),
        form_data={},
    )
    _, signature = submission_token(mine, LEAVE_SALT).split(":")
    other_value = submission_token(theirs, LEAVE_SALT).split(":")[0]
    cancel_value, cancel_signature = submission_token(mine, CANCEL_SALT).split(":")

    forged = client.post(f"{join_page.url}leave/{other_value}/{signature}/")
    from_cancel = client.post(f"{join_page.url}leave/{cancel_value}/{cancel_signature}/")

    assert forged.status_code == 400
    assert from_cancel.status_code == 400
    assert "This link does not work" in html_of(forged)
    assert set(Person.objects.values_list("is_active", flat=True)) == {True}
