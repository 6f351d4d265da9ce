"""Members, attendees and applicants are personal data: officers see them, editors never do."""

import datetime

from django.apps import apps
from django.urls import reverse

import pytest

from involvement_pages.grants.models import ApplicationStatus
from tests.involvement_pages.panels.factories import (
    GrantApplicationFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)
from tests.staff import staff

pytestmark = pytest.mark.django_db

EDITORS, OFFICERS = "Communications editors", "Involvement officers"
REFUSED = "Sorry, you do not have permission to access this area."
SECRET = "Zebedee Secretname"


@pytest.fixture
def records():
    person = PersonFactory(name=SECRET)
    panel = PanelFactory(name="Scrutiny Panel")
    membership = MembershipFactory(person=person, panel=panel)
    meeting = MeetingFactory(panel=panel, date=datetime.date(2026, 1, 14), attendees=[person])
    application = GrantApplicationFactory(
        applicant_name="", applicant_person=person, project="Allotment tools"
    )
    return {
        "person": person,
        "panel": panel,
        "membership": membership,
        "meeting": meeting,
        "application": application,
    }


def app_label(model_name):
    return next(m._meta.app_label for m in apps.get_models() if m._meta.model_name == model_name)


def snippet_url(model, view, obj=None):
    name = f"wagtailsnippets_{app_label(model)}_{model}:{view}"
    return reverse(name, args=[obj.pk]) if obj else reverse(name)


def personal_data_urls(records):
    urls = []
    for model in ("membership", "meeting", "grantapplication"):
        obj = records["application" if model == "grantapplication" else model]
        urls += [
            snippet_url(model, "list"),
            snippet_url(model, "list") + "?q=Zebedee",
            snippet_url(model, "inspect", obj),
            snippet_url(model, "edit", obj),
            snippet_url(model, "add"),
            snippet_url(model, "delete", obj),
        ]
        chooser = f"wagtailsnippetchoosers_{app_label(model)}_{model}"
        urls += [reverse(f"{chooser}:choose"), reverse(f"{chooser}:choose_results")]
        urls.append(reverse(f"{chooser}:chosen", args=[obj.pk]))
    urls += [
        reverse("involvement_person_chooser:choose"),
        reverse("involvement_person_chooser:choose_results") + "?q=Zebedee",
        reverse("involvement_person_chooser:chosen", args=[records["person"].pk]),
    ]
    return urls


def test_an_editor_cannot_reach_members_attendees_or_applicants_by_url(client, records):
    staff(client, EDITORS)

    for url in personal_data_urls(records):
        response = client.get(url, follow=True)
        page = response.content.decode()
        assert SECRET not in page, url
        assert response.redirect_chain or response.status_code == 403, url
        if response.redirect_chain:
            assert REFUSED in page, url


def test_an_editor_cannot_post_a_membership(client, records):
    staff(client, EDITORS)

    client.post(
        snippet_url("membership", "add"),
        {"person": records["person"].pk, "panel": records["panel"].pk, "start_date": "2026-01-01"},
    )

    assert records["panel"].memberships.count() == 1


def test_an_editor_sees_no_panels_or_grants_in_the_admin_menu(client, records):
    staff(client, EDITORS)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Panels and groups" not in page
    assert "Grant applications" not in page


def test_an_officer_sees_panels_and_grants_in_the_involvement_menu(client, records):
    staff(client, OFFICERS)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    for label in ("Panels and groups", "Memberships", "Meetings", "Grant funds"):
        assert label in page
    assert "Grant applications" in page


def test_an_officer_can_open_every_personal_data_view(client, records):
    staff(client, OFFICERS)

    for url in personal_data_urls(records):
        if "delete" in url:
            continue
        response = client.get(url)
        assert response.status_code == 200, url


def test_seeing_a_panel_does_not_show_its_members(client, records):
    """A host may let editors see panels; members still need the membership permission."""
    staff(client, EDITORS, permissions=["view_panel"])
    panel = records["panel"]

    inspect = client.get(snippet_url("panel", "inspect", panel))
    usage = client.get(snippet_url("panel", "usage", panel))

    assert inspect.status_code == 200
    assert "Scrutiny Panel" in inspect.content.decode()
    assert SECRET not in inspect.content.decode()
    assert SECRET not in usage.content.decode()


def test_the_panel_list_shows_counts_not_names(client, records):
    staff(client, EDITORS, permissions=["view_panel"])

    page = client.get(snippet_url("panel", "list")).content.decode()

    assert "Scrutiny Panel" in page
    assert SECRET not in page


def test_an_award_to_a_person_does_not_name_them_in_the_fund_page(client, records):
    application = records["application"]
    application.status = ApplicationStatus.ELIGIBLE
    application.save()
    staff(client, EDITORS, permissions=["view_grantfund"])

    page = client.get(snippet_url("grantfund", "inspect", application.fund)).content.decode()

    assert "Eligible: 1" in page
    assert SECRET not in page
    assert "Allotment tools" not in page
