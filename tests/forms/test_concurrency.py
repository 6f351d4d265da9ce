"""Sign-ups sent at the same moment, on a database that really runs them at once.

SQLite runs one writer at a time, so a race there proves nothing; the suite runs these on
PostgreSQL when DATABASE_URL points at one (CI does).
"""

import threading

from django.db import connection, connections
from django.test import Client

import pytest

from forms.models import Person, RegisterSubmission, SignUp
from tests.forms.conftest import join_data, sign_up_data
from tests.forms.factories import RegisterFormPageFactory, SignUpFormPageFactory
from tests.involvement_pages.factories import InvolvementMenuPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL (set DATABASE_URL): SQLite never runs two writes at once",
    ),
]


def post_together(url, payloads):
    """POST each payload from its own thread and connection, all released at once."""
    start = threading.Barrier(len(payloads))
    statuses = [None] * len(payloads)

    def send(n, data):
        try:
            client = Client()
            start.wait()
            statuses[n] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n, d)) for n, d in enumerate(payloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.fixture
def menu_page(home):
    return InvolvementMenuPageFactory(parent=home)


def test_identical_sign_ups_at_the_same_moment_leave_one_person_and_one_sign_up(menu_page):
    page = SignUpFormPageFactory(parent=menu_page, capacity=5)

    statuses = post_together(page.url, [sign_up_data()] * 6)

    assert statuses == [302] * 6
    assert Person.objects.count() == 1
    assert SignUp.objects.count() == 1


def test_identical_joins_at_the_same_moment_leave_one_person_and_one_entry(menu_page):
    page = RegisterFormPageFactory(parent=menu_page)

    statuses = post_together(page.url, [join_data(phone="07700900123")] * 6)

    assert statuses == [302] * 6
    assert Person.objects.count() == 1
    assert RegisterSubmission.objects.count() == 1


def test_phone_only_joins_at_the_same_moment_leave_one_person(menu_page):
    page = RegisterFormPageFactory(parent=menu_page)

    post_together(page.url, [join_data(email="", phone="07700900123")] * 4)

    assert Person.objects.count() == 1


def test_many_people_racing_for_the_last_place_get_one_place_and_a_queue(menu_page):
    page = SignUpFormPageFactory(parent=menu_page, capacity=1)
    people = [sign_up_data(name=f"R{n}", email=f"r{n}@example.com") for n in range(6)]

    statuses = post_together(page.url, people)

    assert statuses == [302] * 6
    assert SignUp.objects.filter(status="place").count() == 1
    assert SignUp.objects.filter(status="waiting").count() == 5
