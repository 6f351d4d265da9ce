"""The demo's dashboard shows figures worth looking at, from the demo's own records."""

from django.contrib.auth.models import User
from django.utils import timezone

import pytest

from involvement_pages.dashboard.figures import dashboard_figures
from involvement_pages.years import year_of

pytestmark = pytest.mark.django_db


def test_the_demo_dashboard_has_figures(demo_site, client):
    figures = {f.key: f for f in dashboard_figures(year_of(timezone.localdate()))}
    assert figures["involved"].value > 0
    assert figures["new_people"].value > 0
    assert figures["outcomes"].value > 0
    assert figures["budget_spent"].value > 0
    assert figures["cost_per_household"].value is not None
    assert figures["panels_meeting"].target > 0

    client.force_login(User.objects.get(username="admin"))
    response = client.get("/admin/involvement/dashboard/")
    assert response.status_code == 200
    assert "People involved by level of the ladder" in response.content.decode()
