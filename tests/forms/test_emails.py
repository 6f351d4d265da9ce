"""The emails residents and officers get: what each says, and a host's own wording."""

import copy
import re

from django.core import mail

from wagtail.models import Site

import pytest

from involvement_pages.site_settings import ContactDetails
from tests.forms.conftest import join_data, sign_up_data
from tests.forms.factories import SignUpFactory, SignUpFormPageFactory

pytestmark = pytest.mark.django_db


def cancel_link(email):
    return re.search(r"http://testserver(/\S+/cancel/\S+/)", email.body).group(1)


def sent_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def sign_up(send_on_commit, client, page, name, email):
    send_on_commit(client, page.url, sign_up_data(name=name, email=email))


def test_joining_sends_a_welcome_and_tells_the_officers_who_joined(
    client, join_page, send_on_commit
):
    send_on_commit(client, join_page.url, join_data())

    welcome = sent_to("ada@example.com")
    assert welcome.subject == "Thank you for joining: Join the Customer Voice"
    assert welcome.body.startswith("Dear Ada Example,\n\nThank you for joining.")
    assert "you can leave it here at any time:\nhttp://testserver/" in welcome.body
    assert welcome.body.rstrip().endswith("Call 01632 960 000")
    notice = sent_to("involvement@thirteen.example")
    assert notice.subject == "Joined the register: Ada Example through Join the Customer Voice"
    assert "Ada Example: joined through “Join the Customer Voice”." in notice.body
    assert "/admin/involvement_register/inspect/" in notice.body
    assert "ada@example.com" not in notice.body


def test_a_place_email_gives_the_when_and_where_and_the_links(client, menu, send_on_commit):
    page = SignUpFormPageFactory(parent=menu, title="Estate walkabout", capacity=1)

    sign_up(send_on_commit, client, page, "Ben Example", "ben@example.com")

    place = sent_to("ben@example.com")
    assert place.subject == "You have a place: Estate walkabout"
    assert "You have a place for Estate walkabout." in place.body
    assert "Tuesday 9 March 2027, 10am to 12pm\nHudson Quay, Middlesbrough" in place.body
    assert "no longer want your place, cancel here:\nhttp://testserver/" in place.body
    notice = sent_to("involvement@thirteen.example")
    assert notice.subject == "New sign-up: Ben Example for Estate walkabout"


def test_a_full_form_puts_the_resident_on_the_waiting_list_and_says_so(
    client, menu, send_on_commit
):
    page = SignUpFormPageFactory(parent=menu, title="Estate walkabout", capacity=1)
    SignUpFactory(page=page)

    sign_up(send_on_commit, client, page, "Ben Example", "ben@example.com")

    waiting = sent_to("ben@example.com")
    assert waiting.subject == "You are on the waiting list: Estate walkabout"
    assert "You are number 1 on the list. We will email you" in waiting.body
    notice = sent_to("involvement@thirteen.example")
    assert notice.subject == "Waiting list: Ben Example for Estate walkabout"
    assert "number 1 on the list" in notice.body


def test_a_cancellation_tells_the_officers_it_is_a_cancellation_and_offers_the_place(
    client, menu, send_on_commit
):
    page = SignUpFormPageFactory(parent=menu, title="Estate walkabout", capacity=1)
    sign_up(send_on_commit, client, page, "Ben Example", "ben@example.com")
    sign_up(send_on_commit, client, page, "Cara Example", "cara@example.com")
    link = cancel_link(sent_to("ben@example.com"))
    mail.outbox.clear()

    send_on_commit(client, link)

    cancelled, moved_up = [m for m in mail.outbox if m.to == ["involvement@thirteen.example"]]
    assert cancelled.subject == "Cancelled: Ben Example for Estate walkabout"
    assert "Ben Example has cancelled their sign-up for “Estate walkabout”." in cancelled.body
    assert moved_up.subject == "Off the waiting list: Cara Example for Estate walkabout"
    offered = sent_to("cara@example.com")
    assert offered.subject == "A place has come up for you: Estate walkabout"
    assert "Someone has given up their place for Estate walkabout, so it is yours." in offered.body


def test_names_are_written_as_typed_not_escaped_for_a_web_page(client, menu, send_on_commit):
    page = SignUpFormPageFactory(parent=menu, title="Tenants' & leaseholders' forum")

    sign_up(send_on_commit, client, page, "Siobhán O'Brien", "siobhan@example.com")

    place = sent_to("siobhan@example.com")
    assert place.subject == "You have a place: Tenants' & leaseholders' forum"
    assert place.body.startswith("Dear Siobhán O'Brien,")
    assert "&#x27;" not in place.body + sent_to("involvement@thirteen.example").subject


def test_the_sites_contact_details_sign_off_an_email_when_the_form_has_none(
    client, sign_up_page, send_on_commit
):
    ContactDetails.objects.create(
        site=Site.objects.get(is_default_site=True),
        team_name="Customer Involvement Team",
        phone="01632 960 111",
        email="involve@thirteen.example",
        opening_hours="Monday to Friday, 9am to 5pm",
        postal_address="2 Hudson Quay\nMiddlesbrough\nTS3 6BF",
    )

    sign_up(send_on_commit, client, sign_up_page, "Ben Example", "ben@example.com")

    body = sent_to("ben@example.com").body
    assert body.rstrip().endswith(
        "Customer Involvement Team\nPhone: 01632 960 111\nEmail: involve@thirteen.example\n"
        "Monday to Friday, 9am to 5pm\n2 Hudson Quay\nMiddlesbrough\nTS3 6BF"
    )


def test_without_any_contact_details_the_email_says_to_reply(client, sign_up_page, send_on_commit):
    sign_up(send_on_commit, client, sign_up_page, "Ben Example", "ben@example.com")

    body = sent_to("ben@example.com").body
    assert body.rstrip().endswith("If you have a question, reply to this email.")


@pytest.fixture
def host_templates(settings, tmp_path):
    """A host's own template folder, searched before the plugin's, as a host's DIRS is."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    folder = tmp_path / "involvement_forms" / "emails"
    folder.mkdir(parents=True)
    return folder


def test_a_host_rewords_an_email_by_its_own_template(
    client, sign_up_page, send_on_commit, host_templates
):
    (host_templates / "place_subject.txt").write_text(
        "Booked:\n{{ page.title }}\n", encoding="utf-8"
    )
    (host_templates / "place.txt").write_text(
        "Hello {{ person.name }}, see you there.\n", encoding="utf-8"
    )
    (host_templates / "place.html").write_text(
        "<p>Hello <b>{{ person.name }}</b></p>\n", encoding="utf-8"
    )

    sign_up(send_on_commit, client, sign_up_page, "Ben Example", "ben@example.com")

    place = sent_to("ben@example.com")
    assert place.subject == f"Booked: {sign_up_page.title}"
    assert place.body == "Hello Ben Example, see you there.\n"
    assert place.alternatives[0].content == "<p>Hello <b>Ben Example</b></p>\n"
    assert place.alternatives[0].mimetype == "text/html"
    notice = sent_to("involvement@thirteen.example")
    assert notice.subject.startswith("New sign-up: Ben Example")  # the others are untouched
    assert not notice.alternatives
