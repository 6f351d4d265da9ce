"""The dashboard page: who may open it, its filters, its tables, charts and CSV downloads."""

import pytest

from involvement_pages.roles import OFFICERS
from tests.forms.factories import PersonFactory
from tests.staff import staff

pytestmark = pytest.mark.django_db

URL = "/admin/involvement/dashboard/"


def test_officers_see_the_dashboard(client):
    staff(client, OFFICERS)
    PersonFactory()
    response = client.get(URL)
    assert response.status_code == 200
    assert b"People involved" in response.content
