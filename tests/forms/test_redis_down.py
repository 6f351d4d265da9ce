"""Redis down: public pages still serve (the cache is passed by), and the sign-up rate
limit logs a warning and lets the post through rather than refusing every resident."""

import logging
import socket

import pytest

from cms_site.settings.base import redis_cache
from forms.models import Person, SignUp
from tests.forms.conftest import join_data, sign_up_data

pytestmark = pytest.mark.django_db


def nothing_listening():
    """A Redis address on this machine where no server answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture(params=["production", "django"])
def redis_down(request, settings):
    """The cache as production sets it up (django-redis, told to pass over a server that is
    down), or Django's own Redis cache, which raises, for the plugin's caches alone."""
    if request.param == "production":
        settings.CACHES = {"default": redis_cache(nothing_listening())}
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "shared": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": nothing_listening(),
            },
        }
        settings.INVOLVEMENT_PAGE_CACHE = "shared"
        settings.INVOLVEMENT_RATE_LIMIT_CACHE = "shared"
    settings.INVOLVEMENT_PAGE_CACHE_SECONDS = 300
    return request.param


def test_public_pages_still_serve(client, redis_down, home, menu, sign_up_page, join_page):
    for url in (home.url, menu.url, menu.url, sign_up_page.url, join_page.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Involvement-Cache") != "hit"


def test_a_sign_up_gets_through_and_the_unchecked_rate_limit_is_logged(
    client, redis_down, sign_up_page, caplog
):
    with caplog.at_level(logging.WARNING, logger="involvement_forms.antispam"):
        response = client.post(sign_up_page.url, sign_up_data())

    assert response.status_code == 302
    assert SignUp.objects.filter(page=sign_up_page, person__email="ben@example.com").exists()
    warnings = [r.getMessage() for r in caplog.records if r.name == "involvement_forms.antispam"]
    assert any("let through unchecked" in w for w in warnings)


def test_joining_gets_through_too(client, redis_down, join_page):
    response = client.post(join_page.url, join_data())

    assert response.status_code == 302
    assert Person.objects.filter(email="ada@example.com").exists()
