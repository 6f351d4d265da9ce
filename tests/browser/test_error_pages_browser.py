from tests.browser.conftest import assert_no_axe_violations


def test_page_not_found_has_no_axe_violations(live_server, browser_page, menu):
    response = browser_page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_no_axe_violations(browser_page)
