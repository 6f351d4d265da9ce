import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_plugin_runs_in_a_minimal_host_site_without_cms_site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.minimal_host.settings",
        "MINIMAL_HOST_DB": str(tmp_path / "host.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.minimal_host.smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "minimal host OK" in result.stdout


def test_plugin_apps_never_import_the_host_site():
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("involvement_pages", "forms", "importers")
        for path in (ROOT / app).rglob("*.py")
        if "cms_site" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
