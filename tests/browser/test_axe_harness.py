from tests.browser.conftest import axe_violations


def test_axe_reports_a_real_violation(browser_page):
    """Guards the accessibility checks themselves: a page with faults must fail them."""
    browser_page.set_content(
        '<html><body><main><img src="x.png"><input type="text"></main></body></html>'
    )
    ids = {v["id"] for v in axe_violations(browser_page)}
    assert {"image-alt", "label"} <= ids
