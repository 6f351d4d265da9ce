import logging
import os
import socket
from urllib.parse import urlparse

from django.test import Client, RequestFactory

import pytest

from forms.antispam import client_address, parse_rate
from forms.models import Person
from tests.forms.conftest import join_data

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


def test_too_many_posts_from_one_address_get_a_429_with_a_plain_message(
    client, join_page, settings
):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "3/10m"
    for n in range(3):
        assert client.post(join_page.url, join_data(email=f"r{n}@example.com")).status_code == 302

    response = client.post(join_page.url, join_data(email="r4@example.com"))

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Sorry, too many forms have been sent" in response.content.decode()
    assert Person.objects.count() == 3


def test_the_limit_counts_each_address_apart(join_page, settings):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/10m"
    first = Client(REMOTE_ADDR="192.0.2.1")
    second = Client(REMOTE_ADDR="192.0.2.2")

    assert first.post(join_page.url, join_data()).status_code == 302
    assert first.post(join_page.url, join_data()).status_code == 429
    assert second.post(join_page.url, join_data(email="ben@example.com")).status_code == 302


def test_a_spoofed_forwarded_for_header_is_ignored_without_a_trusted_proxy(join_page, settings):
    settings.INVOLVEMENT_SIGNUP_RATE_LIMIT = "1/10m"
    bot = Client(REMOTE_ADDR="192.0.2.1")

    bot.post(join_page.url, join_data(), HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = bot.post(join_page.url, join_data(), HTTP_X_FORWARDED_FOR="198.51.100.2")

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
    ("rate", "parsed"), [("20/10m", (20, 600)), ("5/h", (5, 3600)), ("100/30", (100, 30))]
)
def test_rate_setting_format(rate, parsed):
    assert parse_rate(rate) == parsed


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


def test_counters_live_in_the_shared_cache_so_every_worker_sees_them(client, join_page, settings):
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
        client.post(join_page.url, join_data())
        client.post(join_page.url, join_data())
        # A separate connection, as another worker process would have, sees the same count.
        other_worker = RedisCache(location, {"KEY_PREFIX": f"test-{os.getpid()}"})
        keys = other_worker.keys("involvement:form-posts:*")
        assert [other_worker.get(k) for k in keys] == [2]
        assert client.post(join_page.url, join_data()).status_code == 429
    finally:
        caches["involvement-test"].clear()
