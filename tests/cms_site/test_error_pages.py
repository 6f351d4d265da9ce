"""The designed 404 and 500 pages the plugin ships, as the demo host serves them."""

from django.test import override_settings
from django.urls import path

import pytest

from cms_site.urls import urlpatterns as site_urlpatterns
from tests.involvement_pages.calendar.factories import CalendarPageFactory

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


@pytest.mark.parametrize(
    "url",
    [
        "no-such-page/",
        "calendar/month/?month=2026-13",
        "calendar/year/?year=99999",
        "calendar/month/?month=%FF",
    ],
)
def test_a_missing_page_gets_the_designed_page_not_found(client, home, menu, url, settings):
    settings.DEBUG = False
    CalendarPageFactory(parent=home, slug="calendar")

    response = client.get("/" + url)

    html = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="inv-heading-xl">Page not found</h1>' in html
    assert 'type="search" name="q"' in html
    assert f'href="{menu.url}"' in html


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_an_error_gets_the_designed_server_error_page(client):
    client.raise_request_exception = False

    response = client.get("/broken/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "involvement_pages/involvement.css" in html
