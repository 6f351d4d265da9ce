import logging
import os
import socket
from urllib.parse import urlparse

from django.core import signing
from django.core.checks import run_checks
from django.test import Client, RequestFactory

import pytest

from forms import antispam
from forms.antispam import client_address, parse_rate, wait_message
from forms.models import Person, RegisterSubmission, SignUp
from tests.forms.conftest import join_data, sign_up_data

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_refused_logged_and_saves_nothing(client, join_page, caplog):
    with caplog.at_level(logging.WARNING, logger="involvement_forms.antispam"):
        response = client.post(
            join_page.url,
            join_data(more_details="http://spam.example", gender="woman", equality_consent="on"),
        )

    assert response.status_code == 400
    assert "We could not send your form. Check your answers and send it again." in (
        response.content.decode()
    )
    assert Person.objects.count() == 0
    (record,) = [r for r in caplog.records if r.name == "involvement_forms.antispam"]
    assert "hidden box filled" in record.getMessage()
    assert "ada@example.com" in record.getMessage()
    assert "woman" not in record.getMessage()  # equality answers are never logged


def test_the_honeypot_is_hidden_from_people_assistive_technology_and_autofill(client, join_page):
    html = client.get(join_page.url).content.decode()

    honeypot = html[html.index('<div class="inv-hp"') : html.index("</div>", html.index("inv-hp"))]
    assert 'aria-hidden="true"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'name="more_details"' in honeypot
    assert 'value=""' in honeypot


def test_the_honeypot_is_empty_again_when_the_form_comes_back(client, join_page):
    response = client.post(join_page.url, join_data(more_details="autofilled"))

    assert 'name="more_details" value=""' in response.content.decode()


def visitor(address="192.0.2.1"):
    """A browser with no cookies yet, on a connection others may share."""
    return Client(REMOTE_ADDR=address)


@pytest.fixture
def clock(monkeypatch):
    """The counters' clock, stopped 48 minutes into an hour; ``clock.move(s)`` moves it on."""

    class Clock:
        seconds = 1_800_000_000 + 48 * 60  # a whole number of hours since the epoch, plus 48m

        def move(self, seconds):
            self.seconds += seconds

    stopped = Clock()
    monkeypatch.setattr(antispam, "now", lambda: stopped.seconds)
    return stopped


def test_sixty_posts_an_hour_get_through_and_the_next_comes_back_with_its_answers(
    join_page, clock, caplog
):
    for n in range(60):
        assert (
            visitor().post(join_page.url, join_data(email=f"r{n}@example.com")).status_code == 302
        )

    with caplog.at_level(logging.WARNING, logger="involvement_forms.antispam"):
        response = visitor().post(
            join_page.url,
            join_data(name="Zoë Late", email="zoe@example.com", other_needs="A ramp, please"),
        )

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "720"
    assert "There is a problem" in html
    assert (
        "Too many forms have been sent from this connection. Please wait 12 minutes and send "
        "it again. Your answers are kept below."
    ) in html
    assert 'value="Zoë Late"' in html
    assert 'value="zoe@example.com"' in html
    assert "A ramp, please" in html
    assert Person.objects.count() == 60
    assert RegisterSubmission.objects.count() == 60
    (record,) = [r for r in caplog.records if r.name == "involvement_forms.antispam"]
    assert "rate limit" in record.getMessage()
    assert "192.0.2.1" not in record.getMessage()


def test_a_refused_sign_up_takes_no_place(sign_up_page, settings, clock):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"
    visitor().post(sign_up_page.url, sign_up_data())

    response = visitor().post(sign_up_page.url, sign_up_data(email="cy@example.com"))

    assert response.status_code == 429
    assert 'value="cy@example.com"' in response.content.decode()
    assert list(SignUp.objects.values_list("person__email", flat=True)) == ["ben@example.com"]


def test_another_form_from_the_same_address_has_a_count_of_its_own(
    join_page, sign_up_page, settings, clock
):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"
    assert visitor().post(join_page.url, join_data()).status_code == 302
    assert visitor().post(join_page.url, join_data(email="b@example.com")).status_code == 429

    response = visitor().post(sign_up_page.url, sign_up_data())

    assert response.status_code == 302


def test_the_limit_counts_each_address_apart(join_page, settings, clock):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"

    assert visitor("192.0.2.1").post(join_page.url, join_data()).status_code == 302
    assert visitor("192.0.2.1").post(join_page.url, join_data()).status_code == 429
    assert (
        visitor("192.0.2.2").post(join_page.url, join_data(email="b@example.com")).status_code
        == 302
    )


def test_a_visitor_who_got_through_once_is_not_counted_against_their_connection(
    join_page, settings, clock
):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "2/h"
    tablet = visitor()
    assert tablet.post(join_page.url, join_data(name="")).status_code == 200  # a mistake
    assert visitor().post(join_page.url, join_data(email="b@example.com")).status_code == 302
    assert visitor().post(join_page.url, join_data(email="c@example.com")).status_code == 429

    corrected = tablet.post(join_page.url, join_data())
    next_resident = tablet.post(join_page.url, join_data(name="Ben", email="ben@example.com"))

    assert (corrected.status_code, next_resident.status_code) == (302, 302)
    assert Person.objects.count() == 3


def test_a_pass_copied_to_other_browsers_shares_one_count(join_page, settings, clock):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "2/h"
    first = visitor()
    first.post(join_page.url, join_data(name=""))
    copy = visitor("198.51.100.7")
    copy.cookies = first.cookies

    statuses = [
        browser.post(join_page.url, join_data(email=f"r{n}@example.com")).status_code
        for n, browser in enumerate([first, copy, copy])
    ]

    assert statuses == [302, 302, 429]


@pytest.mark.parametrize("salt", [None, "another-use"])
def test_a_pass_the_site_did_not_sign_counts_for_nothing(join_page, settings, clock, salt):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"
    visitor().post(join_page.url, join_data())
    made_up = {str(join_page.pk): "made-up"}
    bot = visitor()
    bot.cookies[antispam.PASS_COOKIE] = signing.dumps(made_up, salt=salt) if salt else "made-up"

    assert bot.post(join_page.url, join_data(email="b@example.com")).status_code == 429


def test_passes_saved_up_over_hours_cannot_be_spent_together(join_page, settings, clock):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"
    holders = []
    for _hour in range(antispam.PASSED_CEILING + 1):
        clock.move(3600)
        holder = visitor()
        assert holder.post(join_page.url, join_data(name="")).status_code == 200
        holders.append(holder)
    clock.move(3600)

    statuses = [
        holder.post(join_page.url, join_data(email=f"r{n}@example.com")).status_code
        for n, holder in enumerate(holders)
    ]

    assert statuses == [302] * antispam.PASSED_CEILING + [429]


def test_the_count_starts_again_when_its_window_ends(join_page, settings, clock):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"
    visitor().post(join_page.url, join_data())
    assert visitor().post(join_page.url, join_data()).status_code == 429

    clock.move(12 * 60)

    assert visitor().post(join_page.url, join_data(email="b@example.com")).status_code == 302


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "wait 1 minute and"),
        (60, "wait 1 minute and"),
        (61, "wait 2 minutes and"),
        (720, "wait 12 minutes and"),
        (90 * 60, "wait 90 minutes and"),
        (90 * 60 + 1, "wait 2 hours and"),
        (86400, "wait 24 hours and"),
    ],
)
def test_the_wait_is_said_in_minutes_or_hours(seconds, words):
    assert words in wait_message(seconds)


def test_a_spoofed_forwarded_for_header_is_ignored_without_a_trusted_proxy(
    join_page, settings, clock
):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/h"

    visitor().post(join_page.url, join_data(), HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = visitor().post(join_page.url, join_data(), HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert again.status_code == 429


def test_behind_a_trusted_proxy_the_address_it_added_is_used(settings):
    settings.INVOLVEMENT_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )

    assert client_address(request) == "203.0.113.9"


def test_with_two_trusted_proxies_the_client_is_two_from_the_right(settings):
    settings.INVOLVEMENT_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.INVOLVEMENT_TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.4"
    )

    assert client_address(request) == "203.0.113.9"


def test_a_garbled_proxy_header_falls_back_to_the_connection_address(settings):
    settings.INVOLVEMENT_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="nonsense")

    assert client_address(request) == "10.0.0.5"


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("60/h", (60, 3600)), ("20/10m", (20, 600)), ("5/h", (5, 3600)), ("100/30", (100, 30))],
)
def test_rate_setting_format(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["60 an hour", "0/h", "60/w"])
def test_a_rate_the_forms_cannot_read_fails_the_system_checks(settings, rate):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = rate

    errors = [message.id for message in run_checks() if message.id.startswith("involvement_")]

    assert errors == ["involvement_forms.E001"]


def test_the_limit_can_be_switched_off(client, join_page, settings):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = None

    statuses = {client.post(join_page.url, join_data()).status_code for _ in range(25)}

    assert statuses == {302}


def test_csrf_is_checked_on_form_posts(join_page):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(join_page.url, join_data())

    assert response.status_code == 403
    assert Person.objects.count() == 0


def redis_url():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1).close()
    except OSError:
        pytest.skip(f"No Redis at {url}: the shared-counter test needs one")
    return url


def test_counters_live_in_the_shared_cache_so_every_worker_sees_them(join_page, settings):
    """Two web workers are two processes; a Redis cache is the one place both count in."""
    from django_redis.cache import RedisCache

    location = redis_url()
    settings.CACHES = {
        **settings.CACHES,
        "involvement-test": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{os.getpid()}",
        },
    }
    settings.INVOLVEMENT_RATE_LIMIT_CACHE = "involvement-test"
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "2/10m"
    from django.core.cache import caches

    try:
        visitor().post(join_page.url, join_data())
        visitor().post(join_page.url, join_data())
        # A separate connection, as another worker process would have, sees the same count.
        other_worker = RedisCache(location, {"KEY_PREFIX": f"test-{os.getpid()}"})
        keys = other_worker.keys("involvement:form-posts:*")
        assert [other_worker.get(k) for k in keys] == [2]
        assert visitor().post(join_page.url, join_data()).status_code == 429
    finally:
        caches["involvement-test"].clear()
