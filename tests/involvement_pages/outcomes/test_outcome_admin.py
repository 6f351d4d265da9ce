"""Editors and officers keep outcomes in the admin; residents and visitors never reach it."""

import datetime

from django.contrib.auth.models import User
from django.urls import reverse

import pytest

from involvement_pages.outcomes.models import Outcome
from involvement_pages.roles import EDITORS, OFFICERS
from tests.involvement_pages.factories import ServiceAreaFactory
from tests.involvement_pages.outcomes.factories import OutcomeFactory
from tests.involvement_pages.panels.factories import PanelFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_involvement_outcomes_outcome:list"
ADD = "wagtailsnippets_involvement_outcomes_outcome:add"
EDIT = "wagtailsnippets_involvement_outcomes_outcome:edit"


def form_data(**fields):
    data = {
        "title": "Women-only taxis",
        "said": "Women asked for a woman driver to evening meetings.",
        "did": "We offer a women-only taxi on request.",
        "service_area": ServiceAreaFactory(slug="customer-involvement").pk,
        "panel": PanelFactory().pk,
        "opportunity": "",
        "date": "2026-02-01",
        "evidence_url": "",
        "evidence_document": "",
        "landlord": "",
        "published": "on",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("role", [EDITORS, OFFICERS])
def test_editors_and_officers_list_add_and_change_outcomes(client, role):
    outcome = OutcomeFactory(title="Kitchen choice")
    staff(client, role)

    listing = client.get(reverse(LIST))
    added = client.post(reverse(ADD), form_data())
    edited = client.post(reverse(EDIT, args=[outcome.pk]), form_data(title="Kitchen and showers"))

    assert listing.status_code == 200
    assert "Kitchen choice" in listing.content.decode()
    assert added.status_code == 302
    assert edited.status_code == 302
    saved = Outcome.objects.get(title="Women-only taxis")
    assert saved.published
    assert saved.date == datetime.date(2026, 2, 1)
    outcome.refresh_from_db()
    assert outcome.title == "Kitchen and showers"


def test_the_involvement_menu_offers_outcomes_to_editors(client):
    staff(client, EDITORS)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "You said, we did" in page


def test_an_outcome_with_no_source_is_refused_with_a_reason(client):
    staff(client, EDITORS)

    response = client.post(reverse(ADD), form_data(panel=""))

    assert response.status_code == 200
    assert (
        "Say where this change came from: choose a group, activity, consultation or "
        "scrutiny review." in (response.content.decode())
    )
    assert not Outcome.objects.exists()


def test_ten_thousand_characters_are_refused_not_cut(client):
    staff(client, OFFICERS)

    response = client.post(reverse(ADD), form_data(said="x" * 10_000))

    assert response.status_code == 200
    assert "Ensure this value has at most 1500 characters" in response.content.decode()
    assert not Outcome.objects.exists()


def test_editors_may_edit_the_you_said_we_did_page(client, outcomes_page):
    staff(client, EDITORS)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[outcomes_page.pk]))

    assert response.status_code == 200


def test_a_resident_with_a_login_cannot_reach_outcomes_in_the_admin(client):
    outcome = OutcomeFactory()
    resident = User.objects.create_user("resident")
    client.force_login(resident)

    for url in (reverse(LIST), reverse(ADD), reverse(EDIT, args=[outcome.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response.url


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse(LIST))

    assert response.status_code == 302
    assert "/login/" in response.url


def test_staff_without_an_outcome_role_are_refused(client):
    outcome = OutcomeFactory(title="Kitchen choice")
    staff(client, "Equality data")

    for url in (reverse(LIST), reverse(EDIT, args=[outcome.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Kitchen" not in response.content.decode()


def test_an_editor_can_open_the_form_and_choose_a_group(client):
    PanelFactory(name="Leaseholder Forum")
    staff(client, EDITORS)

    form = client.get(reverse(ADD))
    chooser = client.get(reverse("wagtailsnippetchoosers_involvement_panels_panel:choose"))

    assert form.status_code == 200
    assert chooser.status_code == 200
    assert "Leaseholder Forum" in chooser.content.decode()


def test_the_admin_list_filters_by_service_group_and_publishing(client):
    repairs = ServiceAreaFactory(name="Repairs")
    forum = PanelFactory(name="Leaseholder Forum")
    OutcomeFactory(title="Kept change", service_area=repairs, panel=forum)
    OutcomeFactory(title="Other service", panel=forum)
    OutcomeFactory(title="Draft change", service_area=repairs, panel=forum, published=False)
    staff(client, OFFICERS)

    response = client.get(
        reverse(LIST),
        {"service_area": repairs.pk, "panel": forum.pk, "published": "true"},
    )

    listing = response.content.decode()
    assert response.status_code == 200
    assert "Kept change" in listing
    assert "Other service" not in listing
    assert "Draft change" not in listing


def test_the_export_keeps_a_formula_typed_into_an_outcome_inert(client):
    OutcomeFactory(title='=HYPERLINK("https://evil.example")', said="+1 more", did="We did.")
    staff(client, OFFICERS)

    response = client.get(reverse(LIST), {"export": "csv"})

    csv = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert "'=HYPERLINK" in csv
    assert "'+1 more" in csv
    assert ",We did.," in csv
