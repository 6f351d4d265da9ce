from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Revision, Site

import pytest

from cms_site.models import HomePage
from involvement_pages.choices import Level, Tier
from involvement_pages.models import InvolvementMenuPage, OpportunityPage
from involvement_pages.snippets import Area, Landlord, ServiceArea, SupportOption

pytestmark = pytest.mark.django_db

THIRTEEN_STRUCTURE = [
    "Customer Council",
    "Scrutiny Panel",
    "Designated Complaints Panel",
    "Young Voices",
    "Customer Voice",
    "Customer Service Investigators",
    "Task and Finish Policy Groups",
    "Talent School",
    "Ownership Panel",
    "ThirteenAbility disability panel",
    "Neighbourhood Committees",
    "Neighbourhood Auditors",
    "Tenants' and Residents' Associations (TARAs)",
]


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Revision, Landlord, Area, ServiceArea, SupportOption)
    } | {"users": get_user_model().objects.count()}


def test_load_demo_builds_the_site_once_and_changes_nothing_the_second_time(client, demo_site):
    first = snapshot()
    call_command("load_demo", stdout=StringIO())

    assert snapshot() == first

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    menu = InvolvementMenuPage.objects.get()
    assert menu.url == "/get-involved/"
    opportunities = OpportunityPage.objects.live()
    assert opportunities.count() >= 45
    assert set(opportunities.values_list("level", flat=True)) == set(Level.values)
    assert set(opportunities.values_list("tier", flat=True)) == set(Tier.values)
    titles = set(opportunities.values_list("title", flat=True))
    assert set(THIRTEEN_STRUCTURE) <= titles
    assert {"Mystery shopping", "Editorial Panel", "Home Consultation Panel"} <= titles
    assert set(Landlord.objects.values_list("name", flat=True)) >= {
        "Erimus Housing",
        "Tees Valley Housing",
        "Housing Hartlepool",
        "Tristar Homes",
    }
    assert SupportOption.objects.get(slug="travel-expenses").rate_display == "40p a mile"
    assert SupportOption.objects.get(slug="childcare").rate_display == "£7.00 an hour"

    response = client.get("/get-involved/?level=giving_views&support=childcare")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leaseholder and Homeowner Forum" in html
    assert "Home Consultation Panel" not in html  # giving views, but by post: no childcare
    assert client.get("/").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert client.login(username="admin", password="involvement-demo")
    assert client.get("/admin/").status_code == 200


def test_the_demo_site_is_where_make_run_serves_it_unless_someone_moved_it(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"  # so links in the demo's emails work

    site.hostname, site.port = "involve.example.org", 443
    site.save()
    call_command("load_demo", stdout=StringIO())

    site.refresh_from_db()
    assert site.root_url == "https://involve.example.org"


def test_load_demo_leaves_an_editors_changes_alone(demo_site):
    council = OpportunityPage.objects.get(slug="customer-council")
    council.summary = "Edited by the communications team."
    council.save_revision().publish()

    call_command("load_demo", stdout=StringIO())

    council.refresh_from_db()
    assert council.summary == "Edited by the communications team."
