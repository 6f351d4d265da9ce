"""The demo host: search, sitemap, admin menu, and production settings that refuse to be unsafe."""

import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse
from django.utils import translation

import pytest

from tests.involvement_pages.factories import OpportunityPageFactory

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_site_search_finds_opportunities(client, menu):
    OpportunityPageFactory(parent=menu, title="Mystery Shopping", summary="Test our services.")

    response = client.get("/search/", {"q": "mystery"})

    assert response.status_code == 200
    assert "Mystery Shopping" in response.content.decode()
    assert "1 result for" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "%00", "x" * 10_000, "page=zz"])
def test_site_search_survives_bad_input(client, home, query):
    assert client.get(f"/search/?q={query}&page=abc").status_code == 200


@pytest.mark.django_db
def test_sitemap_lists_opportunities(client, menu):
    page = OpportunityPageFactory(parent=menu, title="Estate Champions")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert page.url in response.content.decode()


@pytest.mark.django_db
def test_admin_involvement_menu_reaches_opportunities_and_lists(admin_client, menu):
    OpportunityPageFactory(parent=menu, title="Estate Champions")

    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Involvement" in dashboard
    listing = admin_client.get(reverse("opportunities:index"))
    assert listing.status_code == 200
    assert "Estate Champions" in listing.content.decode()
    support = admin_client.get(reverse("wagtailsnippets_involvement_pages_supportoption:list"))
    assert support.status_code == 200


def run_production_check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            # The browser tests' async switch is a test-only setting that --deploy rejects.
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
            },
            "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_pages_name_the_language_they_are_in(client, menu):
    assert '<html lang="en-GB"' in client.get(menu.url).content.decode()

    with translation.override("cy"):
        assert '<html lang="cy"' in client.get(menu.url).content.decode()


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production_check()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


PRODUCTION = {
    "DJANGO_SECRET_KEY": "k" * 20 + "Zx9!q7#Lm2@Vb8$Nc4%Hd6^Jf3&Tg5*Rw1(Ys0)Pe",
    "ALLOWED_HOSTS": "involvement.example.org",
    "WAGTAILADMIN_BASE_URL": "https://involvement.example.org",
    "TRUSTED_PROXY_HEADER": "HTTP_X_FORWARDED_FOR",
}


def test_production_settings_pass_the_deployment_checklist():
    result = run_production_check(**PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checklist_warns_when_workers_would_not_share_the_rate_limit():
    result = run_production_check(**PRODUCTION, REDIS_URL="")

    assert result.returncode != 0
    assert "involvement_forms.W001" in result.stderr
    assert "each counts sign-ups for the rate limit on its own" in result.stderr


def test_the_checklist_warns_when_residents_would_all_seem_to_come_from_the_proxy():
    result = run_production_check(
        **PRODUCTION | {"TRUSTED_PROXY_HEADER": ""}, REDIS_URL="redis://127.0.0.1:6379/0"
    )

    assert result.returncode != 0
    assert "involvement_forms.W002" in result.stderr
    assert "counts them all as one visitor" in result.stderr


def test_the_checklist_warns_until_the_admins_address_is_set():
    """No fixed default: officers' links once pointed at a developer's 127.0.0.1:8000."""
    result = run_production_check(
        **PRODUCTION | {"WAGTAILADMIN_BASE_URL": ""}, REDIS_URL="redis://127.0.0.1:6379/0"
    )

    assert result.returncode != 0
    assert "wagtailadmin.W003" in result.stderr


@pytest.mark.django_db
def test_public_pages_have_a_strict_content_security_policy_and_the_admin_none(client, menu):
    public = client.get(menu.url)
    admin = client.get("/admin/login/")

    policy = public["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'self'" in policy
    # Wagtail's admin needs inline code of its own.
    assert admin.status_code == 200
    assert "Content-Security-Policy" not in admin


def test_gunicorn_loads_the_site_with_its_config_and_production_settings():
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config",
            "cms_site/gunicorn.conf.py",
            "--check-config",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "cms_site.settings.production",
            "WEB_CONCURRENCY": "3",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
