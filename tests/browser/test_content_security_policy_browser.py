"""The public pages run under their Content Security Policy without breaking a thing.

The policy refuses inline scripts and styles; a page that needed one would lose its
behaviour or look in a real browser while every server-side test still passed."""

from django.core.management import call_command

from wagtail.models import Page

from tests.browser.conftest import assert_no_axe_violations


def one_page_of_each_type():
    seen, paths = set(), []
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        if type(page) not in seen:
            seen.add(type(page))
            paths.append(page.url)
    return paths


def test_every_kind_of_demo_page_keeps_to_its_policy(live_server, browser):
    call_command("load_demo", verbosity=0)
    paths = [*one_page_of_each_type(), "/get-involved/?q=%22panel%22&level=nonsense"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy, path
        assert "'unsafe-inline'" not in policy, path
    assert len(paths) >= 6
    page.goto(live_server.url + "/get-involved/")
    assert_no_axe_violations(page)
    context.close()

    assert refused == []
