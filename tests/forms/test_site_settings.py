"""What communications staff change in Settings: the consent wording and the contact details."""

from django.urls import reverse

from wagtail.models import Site

import pytest

from forms.models import EqualityMonitoring
from forms.site_settings import DEFAULT_TEXT, DEFAULT_VERSION, EqualityConsent
from involvement_pages.site_settings import ContactDetails
from tests.forms.conftest import join_data
from tests.forms.factories import EqualityFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

EDITORS, OFFICERS = "Communications editors", "Involvement officers"


def settings_url(model):
    site = Site.objects.get(is_default_site=True)
    return reverse(
        "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk]
    )


def test_a_new_consent_wording_is_shown_and_recorded_with_new_answers(client, join_page):
    earlier = EqualityFactory()
    staff(client, EDITORS)

    saved = client.post(
        settings_url(EqualityConsent), {"text": "New wording we show.", "version": "v2"}
    )
    html = client.get(join_page.url).content.decode()
    client.post(join_page.url, join_data(religion="none", equality_consent="on"))

    assert saved.status_code == 302
    assert "New wording we show." in html
    assert DEFAULT_TEXT not in html
    answers = EqualityMonitoring.objects.get(person__email="ada@example.com")
    assert answers.consent_version == "v2"
    earlier.refresh_from_db()
    assert earlier.consent_version == DEFAULT_VERSION


def test_a_new_consent_wording_without_a_new_version_is_refused(client, join_page):
    staff(client, EDITORS)
    client.get(settings_url(EqualityConsent))  # the setting as the admin first shows it

    response = client.post(
        settings_url(EqualityConsent), {"text": "New wording.", "version": DEFAULT_VERSION}
    )

    assert response.status_code == 200
    assert "You changed the wording, so give it a new version" in response.content.decode()
    assert EqualityConsent.objects.get().text == DEFAULT_TEXT


def test_an_editor_sets_the_contact_details_every_page_footer_shows(client, join_page):
    staff(client, EDITORS)

    saved = client.post(
        settings_url(ContactDetails),
        {
            "team_name": "Customer Involvement Team",
            "phone": "01632 960 111",
            "email": "involve@thirteen.example",
            "postal_address": "2 Hudson Quay\r\nMiddlesbrough",
            "opening_hours": "Monday to Friday, 9am to 5pm",
        },
    )
    client.logout()
    html = client.get(join_page.url).content.decode()

    assert saved.status_code == 302
    footer = html.split('<footer class="inv-footer">')[1]
    assert "Contact the Customer Involvement Team" in footer
    assert '<a href="tel:01632960111">01632 960 111</a>' in footer
    assert '<a href="mailto:involve@thirteen.example">' in footer
    assert "2 Hudson Quay<br>Middlesbrough" in footer


def test_a_site_without_contact_details_shows_no_empty_contact_heading(client, join_page):
    html = client.get(join_page.url).content.decode()

    assert "Contact us" not in html.split('<footer class="inv-footer">')[1]


def test_officers_cannot_change_what_communications_staff_own(client):
    staff(client, OFFICERS)

    for model in (EqualityConsent, ContactDetails):
        response = client.get(settings_url(model), follow=True)
        assert "Sorry, you do not have permission to access this area." in (
            response.content.decode()
        )
