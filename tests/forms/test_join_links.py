"""'Join the register' is offered on the home page, the menu and every opportunity that
has no form of its own, linking to the site's join form; without one, nothing is shown."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

import pytest

from involvement_pages.choices import OpportunityStatus
from tests.forms.factories import RegisterFormPageFactory, SignUpFormPageFactory
from tests.involvement_pages.factories import HomePageFactory, OpportunityPageFactory

pytestmark = pytest.mark.django_db


def join_links(response):
    """The hrefs of every 'join the register' call to action on the page."""
    html = response.content.decode()
    blocks = re.findall(
        r'<(?:section|div) class="inv-join-register".*?</(?:section|div)>', html, re.S
    )
    return [href for block in blocks for href in re.findall(r'href="([^"]+)"', block)]


def test_the_home_page_invites_residents_to_join(client, home, join_page):
    response = client.get(home.url)

    assert join_links(response) == [join_page.url]
    html = response.content.decode()
    assert "Hear about more ways to get involved</h2>" in html
    assert f'href="{join_page.url}">Join the Customer Voice</a>' in html


def test_the_menu_invites_residents_to_join(client, menu, join_page):
    OpportunityPageFactory(parent=menu, title="Surveys")

    assert join_links(client.get(menu.url)) == [join_page.url]


def test_an_opportunity_with_no_form_of_its_own_offers_joining_next(client, menu, join_page):
    survey = OpportunityPageFactory(
        parent=menu, title="Quick surveys", how_to_join="<p>No need to sign up.</p>"
    )

    response = client.get(survey.url)

    assert join_links(response) == [join_page.url]
    assert "Want to hear about more ways to get involved?" in response.content.decode()


def test_an_opportunity_with_its_own_form_offers_that_form_and_not_the_register(
    client, menu, join_page
):
    form = SignUpFormPageFactory(parent=menu)
    panel = OpportunityPageFactory(parent=menu, title="Scrutiny Panel", sign_up_page=form)

    response = client.get(panel.url)

    assert join_links(response) == []
    assert f'href="{form.url}"' in response.content.decode()


def test_a_closed_opportunity_offers_joining_instead_of_its_form(client, menu, join_page):
    form = SignUpFormPageFactory(parent=menu)
    closed = OpportunityPageFactory(parent=menu, sign_up_page=form, status=OpportunityStatus.CLOSED)

    assert join_links(client.get(closed.url)) == [join_page.url]


def test_the_join_pages_own_words_introduce_it(client, home, join_page):
    join_page.search_description = "Tell us how you want to have your say."
    join_page.save_revision().publish()

    assert "Tell us how you want to have your say." in client.get(home.url).content.decode()


def test_a_draft_join_form_is_not_linked(client, home, menu, join_page):
    join_page.unpublish()
    survey = OpportunityPageFactory(parent=menu)

    for page in (home, menu, survey):
        assert join_links(client.get(page.url)) == []


def test_another_sites_join_form_is_not_linked(client, home, menu):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other-home")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    RegisterFormPageFactory(parent=other_home)

    assert join_links(client.get(home.url)) == []


def test_the_join_form_is_found_once_until_an_editor_changes_something(client, home, join_page):
    with CaptureQueriesContext(connection) as first:
        client.get(home.url)
    with CaptureQueriesContext(connection) as again:
        response = client.get(home.url)

    assert join_links(response) == [join_page.url]
    assert len(again) <= len(first) - 3


def test_a_join_form_published_or_unpublished_later_is_linked_or_not_at_once(client, home):
    assert join_links(client.get(home.url)) == []

    join_page = RegisterFormPageFactory(parent=home)
    assert join_links(client.get(home.url)) == [join_page.url]

    join_page.unpublish()
    assert join_links(client.get(home.url)) == []

    join_page.save_revision().publish()
    assert join_links(client.get(home.url)) == [join_page.url]
