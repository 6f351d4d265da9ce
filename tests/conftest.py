from wagtail.models import Page, Site

import pytest

from involvement_pages.groups import setup_groups
from tests.involvement_pages.factories import HomePageFactory, InvolvementMenuPageFactory


@pytest.fixture
def home(db):
    """A HomePage at the root of the default site, as the demo and a host would have."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    root.get_children().delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def menu(home):
    return InvolvementMenuPageFactory(parent=home)


@pytest.fixture
def staff_groups(db):
    """The three staff groups, as `manage.py setup_involvement_groups` makes them."""
    setup_groups()
