"""Every full web address the site sends out works where it is read.

The site is served as https://involve.example.org while its Wagtail Site record still
says localhost, as a landlord's does until someone edits it: emails, feeds, structured
data and the sitemap must all name the host residents used. Without a request (an email
sent later by a task), links come from the Site, or WAGTAILADMIN_BASE_URL while the Site
is still localhost.
"""

import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone

from wagtail.models import Page, Site

import pytest

import forms
from forms.emails import send_submission_emails
from forms.models import Person, RegisterSubmission
from involvement_pages.links import absolute_url, admin_url, is_local
from tests.forms.conftest import join_data, sign_up_data
from tests.forms.factories import (
    EqualityFactory,
    PersonFactory,
    RegisterFormPageFactory,
    SignUpFactory,
    SignUpFormPageFactory,
)
from tests.involvement_pages.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.involvement_pages.factories import HomePageFactory

pytestmark = pytest.mark.django_db

HOST = "involve.example.org"
SERVED = f"https://{HOST}"
EMAILS = Path(forms.__file__).parent / "templates" / "involvement_forms" / "emails"
URL = re.compile(r"https?://[^\s<>\"')]+")


@pytest.fixture
def visitor(settings, home):
    """A browser on https://involve.example.org, reaching the app server (127.0.0.1:8000)
    through a proxy that says which host and scheme it was asked for, as in production.

    The Site record is left at localhost and WAGTAILADMIN_BASE_URL unset, so a link that
    skips the request says localhost, and one built from the Host header 127.0.0.1."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.USE_X_FORWARDED_HOST = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.WAGTAILADMIN_BASE_URL = None
    return Client(
        HTTP_HOST="127.0.0.1:8000", HTTP_X_FORWARDED_HOST=HOST, HTTP_X_FORWARDED_PROTO="https"
    )


@pytest.fixture
def rendered_emails():
    """The names of the email templates rendered while the test runs."""
    names = set()

    def seen(sender, template, **kwargs):
        folder, _slash, name = (template.name or "").rpartition("/")
        if folder == "involvement_forms/emails":
            names.add(name)

    template_rendered.connect(seen)
    yield names
    template_rendered.disconnect(seen)


def assert_served_here(text):
    """No link to the server itself, and at least one link, every one to the served host."""
    assert "localhost" not in text
    assert "127.0.0.1" not in text
    links = URL.findall(text)
    assert links
    for link in links:
        assert link.startswith(SERVED + "/"), link


def post(visitor, path, data, capture):
    """Post as the resident's browser does, and send what waits for the commit (emails)."""
    with capture(execute=True):
        response = visitor.post(path, data)
    assert response.status_code in (200, 302)
    return response


def link_in(message, route):
    return next(link for link in URL.findall(message.body) if f"/{route}/" in link)


def test_every_email_links_to_the_host_the_resident_used(
    visitor, menu, django_capture_on_commit_callbacks, rendered_emails
):
    join_page = RegisterFormPageFactory(parent=menu)
    walkabout = SignUpFormPageFactory(parent=menu, title="Estate walkabout", capacity=1)

    post(visitor, join_page.url, join_data(), django_capture_on_commit_callbacks)
    for name in ("Ben Example", "Cara Example"):  # a place, then the waiting list
        email = f"{name.split()[0].lower()}@example.com"
        post(
            visitor,
            walkabout.url,
            sign_up_data(name=name, email=email),
            django_capture_on_commit_callbacks,
        )
    # Ben cancels, so Cara has his place; Ada leaves the register.
    ben = next(m for m in mail.outbox if m.to == ["ben@example.com"])
    post(visitor, urlsplit(link_in(ben, "cancel")).path, {}, django_capture_on_commit_callbacks)
    ada = next(m for m in mail.outbox if m.to == ["ada@example.com"])
    post(visitor, urlsplit(link_in(ada, "leave")).path, {}, django_capture_on_commit_callbacks)
    # Cara withdraws her consent to keep her equality answers, which tells the officers.
    EqualityFactory(person=Person.objects.get(email="cara@example.com"))
    cara = next(m for m in mail.outbox if m.to == ["cara@example.com"])
    post(visitor, urlsplit(link_in(cara, "withdraw")).path, {}, django_capture_on_commit_callbacks)
    *to_others, withdrawn = mail.outbox

    sent = {path.name for path in EMAILS.glob("*.txt")}
    assert rendered_emails == sent  # every email there is, subject and body
    assert len(mail.outbox) == len(sent) // 2
    for message in to_others:
        assert_served_here(message.subject + "\n" + message.body)
    # The notice that answers were deleted needs no link, and names only a person number.
    assert "has withdrawn their consent" in withdrawn.body
    assert "localhost" not in withdrawn.body
    assert "Cara" not in withdrawn.body


def test_the_cancel_link_in_an_email_opens_the_cancel_page(
    visitor, menu, django_capture_on_commit_callbacks
):
    walkabout = SignUpFormPageFactory(parent=menu, title="Estate walkabout")
    post(visitor, walkabout.url, sign_up_data(), django_capture_on_commit_callbacks)
    [email] = [m for m in mail.outbox if m.to == ["ben@example.com"]]

    link = urlsplit(link_in(email, "cancel"))
    response = visitor.get(link.path)  # as a mail client opens it: the address, nothing else

    assert (link.scheme, link.netloc) == ("https", HOST)
    assert response.status_code == 200
    assert response.templates[0].name == "involvement_forms/cancel.html"
    html = response.content.decode()
    assert "Cancel your place" in html
    assert "Ben Example" in html


@pytest.fixture
def event(home):
    """Three monthly dates from next week: upcoming, and inside the feed's window."""
    calendar = CalendarPageFactory(parent=home)
    return EventPageFactory(
        parent=calendar,
        title="Residents' forum",
        start_date=timezone.localdate() + timedelta(days=7),
        rrule="FREQ=MONTHLY;COUNT=3",
    )


def test_feeds_name_the_host_they_were_read_on(visitor, event):
    for url in (event.get_parent().url + "feed/", event.url + "ics/"):
        response = visitor.get(url)

        assert response.status_code == 200
        text = response.content.decode().replace("\r\n ", "")  # unfold long lines
        assert_served_here(text)
        assert f"URL:{SERVED}{event.url}\r\n" in text
        assert re.findall(r"UID:\S+@(\S+)\r\n", text) == [HOST] * 3


def test_structured_data_names_the_host_it_was_read_on(visitor, event):
    html = visitor.get(event.url).content.decode()

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(script.group(1))["@graph"]
    assert_served_here(script.group(1).replace("https://schema.org", ""))  # vocabulary, not links
    assert {item["url"] for item in data} == {SERVED + event.url}
    assert {item["organizer"]["url"] for item in data} == {SERVED + "/"}


def test_the_sitemap_names_the_host_it_was_read_on(visitor, menu, event):
    response = visitor.get("/sitemap.xml")

    assert response.status_code == 200
    text = response.content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", text)
    assert f"{SERVED}{menu.url}" in locations
    assert f"{SERVED}{event.url}" in locations
    assert "localhost" not in text
    assert all(location.startswith(SERVED + "/") for location in locations)


def test_a_page_on_another_site_keeps_that_sites_address(settings, home, rf):
    settings.ALLOWED_HOSTS = [HOST]
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    Site.objects.create(hostname="other.example.org", port=443, root_page=other_home)
    calendar = CalendarPageFactory(parent=other_home)
    request = rf.get("/", HTTP_HOST=HOST, secure=True)

    assert absolute_url(calendar, request) == "https://other.example.org/calendar/"
    assert absolute_url(home, request) == SERVED + "/"


# Without a request: an email sent later by a task or a management command --------------


@pytest.mark.parametrize(
    ("hostname", "port", "base_url", "public", "admin"),
    [
        ("involve.example.org", 443, None, SERVED, SERVED),
        ("involve.example.org", 80, None, f"http://{HOST}", f"http://{HOST}"),
        ("involve.example.org", 8080, None, f"http://{HOST}:8080", f"http://{HOST}:8080"),
        # Wagtail's first Site, never edited: the admin's address is the one set.
        ("localhost", 80, f"{SERVED}/", SERVED, SERVED),
        # The admin on a host of its own: residents' links stay on the Site's.
        (
            "involve.example.org",
            443,
            "https://admin.example.org",
            SERVED,
            "https://admin.example.org",
        ),
    ],
)
def test_an_email_sent_by_a_task_links_to_the_configured_address(
    settings, home, hostname, port, base_url, public, admin
):
    settings.WAGTAILADMIN_BASE_URL = base_url
    Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
    walkabout = SignUpFormPageFactory(parent=home, title="Estate walkabout")
    signup = SignUpFactory(page=walkabout, person=PersonFactory(email="ben@example.com"))

    send_submission_emails.enqueue("signup", signup.pk)  # as a worker runs it, no request

    resident = next(m for m in mail.outbox if m.to == ["ben@example.com"])
    officers = next(m for m in mail.outbox if m.to == ["involvement@thirteen.example"])
    assert link_in(resident, "cancel").startswith(f"{public}{walkabout.url}cancel/")
    assert link_in(resident, "leave").startswith(f"{public}{walkabout.url}leave/")
    assert URL.findall(officers.body) == [
        f"{admin}/admin/involvement_register/inspect/{signup.person_id}/"
    ]


def test_a_link_followed_from_a_task_email_opens_the_page(settings, home, client):
    settings.WAGTAILADMIN_BASE_URL = SERVED
    join_page = RegisterFormPageFactory(parent=home)
    joined = RegisterSubmission.objects.create(
        page=join_page, person=PersonFactory(name="Ada Example"), form_data={}
    )

    send_submission_emails.enqueue("register", joined.pk)

    [welcome] = [m for m in mail.outbox if m.to == [joined.person.email]]
    link = urlsplit(link_in(welcome, "leave"))
    assert f"{link.scheme}://{link.netloc}" == SERVED
    assert client.get(link.path).status_code == 200


def test_admin_links_prefer_the_admin_address_to_the_request(settings, rf):
    request = rf.get("/", HTTP_HOST="testserver")

    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org/"
    assert admin_url("/admin/", request) == "https://admin.example.org/admin/"
    settings.WAGTAILADMIN_BASE_URL = None
    assert admin_url("/admin/", request) == "http://testserver/admin/"


@pytest.mark.parametrize(
    ("hostname", "local"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("[::1]", True),
        ("demo.localhost", True),
        ("involve.example.org", False),
        ("192.168.1.20", False),
        ("", False),
    ],
)
def test_only_the_servers_own_addresses_count_as_local(hostname, local):
    assert is_local(hostname) is local
