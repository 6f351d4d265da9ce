"""`manage.py setup_involvement_groups`: the three staff roles, made when a host chooses."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

import pytest

from involvement_pages.roles import EDITORS, EQUALITY, OFFICERS
from tests.involvement_pages.calendar.factories import CalendarPageFactory

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("setup_involvement_groups", stdout=out)
    return out.getvalue()


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def page_rights():
    return set(
        GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")
    )


def test_migrating_creates_no_groups_and_grants_nothing_on_the_hosts_pages():
    assert not Group.objects.filter(name__in=[EDITORS, OFFICERS, EQUALITY]).exists()
    assert not GroupPagePermission.objects.filter(group__name=EDITORS).exists()


def test_the_command_creates_the_three_roles(menu):
    output = run()

    assert "Created the group 'Communications editors'" in output
    assert ("involvement_forms", "view_person") in codenames(OFFICERS)
    assert ("importers", "run_import") in codenames(OFFICERS)
    assert ("involvement_panels", "view_membership") in codenames(OFFICERS)
    assert codenames(EQUALITY) >= {("involvement_forms", "view_equalitymonitoring")}
    assert ("involvement_forms", "view_person") not in codenames(EQUALITY)
    assert ("involvement_pages", "change_supportoption") in codenames(EDITORS)
    assert ("involvement_calendar", "change_venue") in codenames(EDITORS)


def test_editors_get_the_menu_and_calendar_pages_never_the_root(menu, home):
    calendar = CalendarPageFactory(parent=home)

    run()

    pages = {page for group, page, _ in page_rights() if group == EDITORS}
    assert pages == {menu.pk, calendar.pk}
    assert Page.get_first_root_node().pk not in pages
    assert home.pk not in pages


def test_editors_get_nothing_personal(menu):
    run()

    personal = {"involvement_forms", "involvement_panels", "involvement_grants", "importers"}
    reached = {(label, codename) for label, codename in codenames(EDITORS) if label in personal}
    # The consent statement's wording is theirs; the answers given under it are not.
    assert reached == {("involvement_forms", "change_equalityconsent")}


def test_running_it_again_changes_nothing(menu):
    run()
    before = ({g: codenames(g) for g in (EDITORS, OFFICERS, EQUALITY)}, page_rights())

    output = run()

    assert output.startswith("Nothing to change")
    assert ({g: codenames(g) for g in (EDITORS, OFFICERS, EQUALITY)}, page_rights()) == before


def test_it_says_to_run_again_when_there_is_no_menu_page_yet(db):
    output = run()

    assert "No menu or calendar page yet" in output
    assert not GroupPagePermission.objects.filter(group__name=EDITORS).exists()


def test_officers_can_attach_documents_but_not_images_and_the_equality_group_neither(menu):
    run()

    def media(group_name):
        return set(
            GroupCollectionPermission.objects.filter(group__name=group_name).values_list(
                "permission__content_type__app_label", "permission__codename"
            )
        )

    # Scrutiny reviews and outcomes carry a report or evidence file an officer uploads.
    assert media(OFFICERS) == {
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    }
    assert ("wagtailimages", "choose_image") in media(EDITORS)
    assert media(EQUALITY) == set()
