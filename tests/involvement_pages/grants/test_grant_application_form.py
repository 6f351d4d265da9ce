"""Applying for a grant online records an application officers see, never a sign-up."""

import datetime
import html
from decimal import Decimal

from django.core.cache import cache
from django.urls import reverse

import pytest

from forms.models import Person, SignUp
from involvement_pages.grants.models import (
    ApplicationStatus,
    ApplyForFundingPage,
    GrantApplication,
    GrantApplicationFormPage,
    GrantApplicationSubmission,
    GrantsAwardedPage,
)
from involvement_pages.panels.models import PanelKind, PanelStatus
from involvement_pages.roles import EDITORS
from tests.involvement_pages.panels.factories import GrantRoundFactory, PanelFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
APPLICATIONS = "wagtailsnippets_involvement_grants_grantapplication:list"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def chest():
    return GrantRoundFactory(
        fund__name="Community Chest",
        fund__slug="community-chest",
        name="This year",
        opens=TODAY - datetime.timedelta(days=30),
        closes=TODAY + datetime.timedelta(days=30),
        budget=Decimal("5000"),
    )


@pytest.fixture
def elm_court():
    return PanelFactory(
        name="Elm Court Tenants' and Residents' Association",
        slug="elm-court",
        kind=PanelKind.RESIDENTS_ASSOCIATION,
    )


@pytest.fixture
def form_page(home, chest):
    grants_page = GrantsAwardedPage(title="Community grants", slug="grants")
    home.add_child(instance=grants_page)
    apply_page = ApplyForFundingPage(
        title="Apply to the Community Chest", slug="apply", fund=chest.fund
    )
    grants_page.add_child(instance=apply_page)
    page = GrantApplicationFormPage(
        title="Apply for a grant",
        slug="form",
        privacy_notice_url="https://thirteen.example/privacy",
    )
    apply_page.add_child(instance=page)
    chest.fund.application_form = page
    chest.fund.save()
    return page


def answers(**overrides):
    data = {
        "name": "Grace Hopper",
        "email": "grace@example.com",
        "phone": "",
        "applicant_group": "elm-court",
        "group_name": "",
        "project": "Lunch club for older residents",
        "description": "A weekly lunch in the community room, with transport.",
        "amount": "£1,500",
    }
    data.update(overrides)
    return data


def text(response):
    return html.unescape(response.content.decode())


def test_applying_records_a_received_application_in_the_open_round(
    client, form_page, chest, elm_court
):
    response = client.post(form_page.url, answers())

    assert response.status_code == 302
    application = GrantApplication.objects.get()
    assert application.status == ApplicationStatus.RECEIVED
    assert application.fund == chest.fund
    assert application.round == chest
    assert application.applicant_group == elm_court
    assert application.applicant_name == elm_court.name
    assert application.applicant_person == Person.objects.get(email="grace@example.com")
    assert application.project == "Lunch club for older residents"
    assert application.amount_requested == Decimal("1500")
    assert application.received_on == TODAY
    assert not SignUp.objects.exists()
    assert GrantApplicationSubmission.objects.get().application == application
    assert "We have your application" in text(client.get(response["Location"]))


def test_the_officer_sees_it_in_the_applications_list(client, form_page, elm_court, officer):
    client.post(form_page.url, answers())

    page = text(client.get(reverse(APPLICATIONS)))

    assert "Lunch club for older residents" in page
    assert "Received" in page


def test_a_group_not_listed_is_named_in_the_box(client, form_page):
    client.post(form_page.url, answers(applicant_group="", group_name="Young Voices"))

    application = GrantApplication.objects.get()
    assert application.applicant_group is None
    assert application.applicant_name == "Young Voices"


def test_a_resident_applying_for_themselves_is_the_applicant(client, form_page):
    client.post(form_page.url, answers(applicant_group="", group_name=""))

    application = GrantApplication.objects.get()
    assert application.applicant_label == "Grace Hopper"


def test_closed_groups_are_not_offered(client, form_page, elm_court):
    PanelFactory(name="Old Estate Forum", status=PanelStatus.CLOSED)

    page = text(client.get(form_page.url))

    assert elm_court.name in page
    assert "Old Estate Forum" not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("project", "", "Enter the name of your project"),
        ("description", "", "Tell us what the money will pay for"),
        ("amount", "", "Enter how much you are asking for"),
        ("amount", "lots", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("amount", "-50", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("amount", "0", "The amount must be more than £0"),
        ("amount", "12.345", "Enter the amount in pounds, like 1500 or 1500.50"),
        ("amount", "9999999", "The amount must be less than £1,000,000"),
        ("project", "x" * 10_000, "The project's name must be 200 characters or fewer"),
        ("group_name", "Another group", "Clear this box"),
        ("applicant_group", "no-such-group", "Select a valid choice"),
        ("email", "", "Enter an email address or a phone number"),
    ],
)
def test_bad_answers_are_refused_with_a_summary_and_kept(
    client, form_page, elm_court, field, value, message
):
    data = answers(**{field: value})

    response = client.post(form_page.url, data)

    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert not GrantApplication.objects.exists()
    assert "A weekly lunch in the community room, with transport." in page or field == "description"
    assert "grace@example.com" in page or field == "email"


def test_amounts_as_residents_write_them_are_understood(client, form_page, elm_court):
    client.post(form_page.url, answers(amount=" £1,500.50 "))

    assert GrantApplication.objects.get().amount_requested == Decimal("1500.50")


def test_script_and_control_characters_are_stored_as_text_and_escaped(client, form_page):
    client.post(
        form_page.url,
        answers(
            project="<script>alert(1)</script>\u202eclub\x00", group_name="", applicant_group=""
        ),
    )

    application = GrantApplication.objects.get()
    assert "\u202e" not in application.project
    assert "\x00" not in application.project


def test_a_closed_fund_shows_no_form_and_takes_no_application(client, form_page, chest, elm_court):
    chest.fund.accepting_applications = False
    chest.fund.save()

    page = text(client.get(form_page.url))
    response = client.post(form_page.url, answers())

    assert "not taking applications at the moment" in page
    assert "Send your application" not in page
    assert response.status_code == 200
    assert "has just stopped taking applications" in text(response)
    assert "Lunch club for older residents" in text(response)  # their answers are kept
    assert not GrantApplication.objects.exists()


def test_an_open_form_shows_its_round_and_closing_date(client, form_page, chest):
    page = text(client.get(form_page.url))

    assert "This year" in page
    assert f"{chest.closes.day} {chest.closes:%B %Y}" in page
    assert "Send your application</button>" in page


def test_editors_do_not_see_what_applicants_sent(client, form_page):
    client.post(form_page.url, answers(applicant_group=""))
    staff(client, EDITORS)

    response = client.get(reverse("wagtailforms:list_submissions", args=[form_page.pk]))

    assert response.status_code in (302, 403, 404)
    assert "Grace Hopper" not in text(response)


def test_the_form_page_can_be_added_and_edited_in_the_admin(client, form_page, admin_user):
    client.force_login(admin_user)
    apply_page = form_page.get_parent()
    add = reverse(
        "wagtailadmin_pages:add",
        args=["involvement_grants", "grantapplicationformpage", apply_page.pk],
    )

    assert client.get(add).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[form_page.pk])).status_code == 200
