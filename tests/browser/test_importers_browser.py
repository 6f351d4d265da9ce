"""An officer imports a file in a real browser: upload, the columns and the preview, confirm;
no axe violations."""

from django.contrib.auth.models import Group, User

import pytest
from playwright.sync_api import expect

from forms.models import Person
from tests.browser.conftest import assert_no_axe_violations
from tests.forms.factories import PersonFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("staff_groups"),
]

PASSWORD = "correct-horse-battery"
FILE = (
    "Reference,Full name,Email,Shoe size\r\n"
    "T001,Ada Lovelace,ada@example.com,5\r\n"
    "T002,Siobhán Example,siobhan@example.com,6\r\n"
).encode()


def test_officer_previews_and_imports_a_file(live_server, browser, tmp_path):
    officer = User.objects.create_user("officer", password=PASSWORD)
    officer.groups.add(Group.objects.get(name="Involvement officers"))
    PersonFactory(legacy_reference="T001", name="Ada Example", email="ada@example.com")
    upload = tmp_path / "register.csv"
    upload.write_bytes(FILE)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(live_server.url + "/admin/importers/")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("link", name="Choose a file to upload.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("People (the involvement register)").check()
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_text("Full name: Ada Example → Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("cell", name="Siobhán Example", exact=True)).to_be_visible()
    expect(page.get_by_label("Shoe size")).to_have_value("")
    expect(page.get_by_label("Full name")).to_have_value("name")
    assert_no_axe_violations(page)
    # Taking a column out and checking again, without JavaScript's help, keeps the preview.
    page.get_by_label("Email", exact=True).select_option("")
    page.get_by_role("button", name="Check the file with these columns").click()
    expect(page.get_by_label("Email", exact=True)).to_have_value("")
    expect(page.get_by_text("Email, Shoe size")).to_be_visible()
    assert Person.objects.get(legacy_reference="T001").name == "Ada Example"
    page.get_by_role("button", name="Import these records").click()

    expect(page.get_by_text("Imported: 1 new and 1 updated records saved")).to_be_visible()
    assert_no_axe_violations(page)
    assert dict(Person.objects.values_list("legacy_reference", "name")) == {
        "T001": "Ada Lovelace",
        "T002": "Siobhán Example",
    }
