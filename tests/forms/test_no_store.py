"""Pages that show a form or a resident's own details are never kept by a cache.

A shared cache (a proxy, a CDN) or the back button on a library computer must not show one
resident's name, email or cancel link to the next person."""

import re

from django.core import mail

import pytest

from tests.forms.conftest import join_data, sign_up_data

pytestmark = pytest.mark.django_db


def assert_never_stored(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives, response["Cache-Control"]


def link_from(email, route):
    return re.search(rf"http://testserver(/\S+/{route}/\S+/)", email.body).group(1)


def test_the_form_and_its_thanks_page_are_never_stored(client, sign_up_page):
    form = client.get(sign_up_page.url)
    sent = client.post(sign_up_page.url, sign_up_data())
    thanks = client.get(sent["Location"])

    assert_never_stored(form)
    assert sent.status_code == 302
    assert_never_stored(sent)
    assert "ben@example.com" in thanks.content.decode() or "Ben Example" in thanks.content.decode()
    assert_never_stored(thanks)


def test_a_form_sent_back_with_errors_is_never_stored(client, sign_up_page):
    response = client.post(sign_up_page.url, sign_up_data(name=""))

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert_never_stored(response)


def test_the_cancel_and_leave_pages_from_emails_are_never_stored(
    client, sign_up_page, join_page, send_on_commit
):
    send_on_commit(client, sign_up_page.url, sign_up_data())
    cancel = link_from(mail.outbox[0], "cancel")
    mail.outbox.clear()
    send_on_commit(client, join_page.url, join_data())
    leave = link_from(next(m for m in mail.outbox if "/leave/" in m.body), "leave")

    asked_to_cancel = client.get(cancel)
    cancelled = client.post(cancel)
    asked_to_leave = client.get(leave)
    left = client.post(leave)

    for response in (asked_to_cancel, cancelled, asked_to_leave, left):
        assert response.status_code == 200
        assert_never_stored(response)
    assert "Your place is cancelled" in cancelled.content.decode()


def test_a_broken_link_page_is_never_stored_either(client, sign_up_page):
    response = client.get(f"{sign_up_page.url}cancel/nothing/forged/")

    assert response.status_code in (400, 404)
    assert_never_stored(response)


def test_pages_without_a_form_may_be_cached(client, menu):
    response = client.get(menu.url)

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
