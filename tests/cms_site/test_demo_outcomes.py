"""The demo's "You said, we did": seed changes across services and groups, loaded once."""

from io import StringIO

import pytest

from cms_site.demo.outcomes import load_outcomes
from involvement_pages.outcomes.models import Outcome, YouSaidWeDidPage

pytestmark = pytest.mark.django_db


def test_the_page_is_at_you_said_we_did(demo_site, client):
    page = YouSaidWeDidPage.objects.get()

    response = client.get("/you-said-we-did/")

    assert page.url == "/you-said-we-did/"
    assert response.status_code == 200
    assert "Women-only taxis" in response.content.decode()


def test_at_least_ten_published_changes_across_services_and_groups(demo_site):
    published = Outcome.objects.published()

    assert published.count() >= 10
    assert published.values("service_area").distinct().count() >= 6
    assert published.exclude(panel=None).values("panel").distinct().count() >= 5
    assert published.exclude(opportunity=None).count() >= 5
    assert Outcome.objects.filter(published=False).exists()


def test_seed_figures_are_kept(demo_site):
    told = " ".join(Outcome.objects.values_list("did", flat=True))

    for figure in ("40p a mile", "£600,000", "£18,000", "97%"):
        assert figure in told


def test_every_demo_change_passes_the_admin_s_checks(demo_site):
    for outcome in Outcome.objects.all():
        outcome.full_clean()


def test_loading_again_adds_nothing(demo_site):
    before = Outcome.objects.count()
    out = StringIO()

    load_outcomes(out)

    assert Outcome.objects.count() == before
    assert YouSaidWeDidPage.objects.count() == 1
    assert "0 changes added" in out.getvalue()


def test_changes_link_to_the_consultation_and_review_they_came_from(demo_site, client):
    from_consultation = Outcome.objects.get(consultation__slug="repairs-service-standard")
    from_review = Outcome.objects.get(review__slug="community-centres-middlesbrough")

    consultation = client.get("/have-your-say/repairs-service-standard/").content.decode()
    change = client.get(f"/you-said-we-did/{from_consultation.pk}/").content.decode()

    assert from_consultation.title in consultation
    assert 'href="/have-your-say/repairs-service-standard/"' in change
    assert not from_review.published  # the audit it led to is still under way
