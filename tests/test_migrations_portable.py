"""Every migration loads on the lowest Wagtail we support (7.0), not only the one it was made on.

`makemigrations` under Wagtail 8 writes three things Wagtail 7.0 cannot load: a dependency on
a migration 7.0 does not have (wagtailcore's 0098_apitoken), `modelsearch`, which 7.0 does not
install, and `settings.WAGTAIL_PAGE_MODEL`, a setting 7.0 does not define. Reading the files
catches them on the highest run too, before the lowest run fails to migrate.
"""

import ast
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
APP_FOLDERS = [
    "involvement_pages",
    "involvement_pages/calendar",
    "involvement_pages/panels",
    "involvement_pages/grants",
    "involvement_pages/scrutiny",
    "involvement_pages/action_plans",
    "involvement_pages/outcomes",
    "involvement_pages/consultations",
    "involvement_pages/expenses",
    "involvement_pages/budget",
    "involvement_pages/dashboard",
    "forms",
    "importers",
    "cms_site",
]

# The newest migration of each Wagtail app in Wagtail 7.0; a dependency may name these or older.
NEWEST_IN_WAGTAIL_7_0 = {
    "wagtailcore": "0094_alter_page_locale",
    "wagtailadmin": "0005_editingsession_is_editing",
    "wagtaildocs": "0014_alter_document_file_size",
    "wagtailembeds": "0009_embed_cache_until",
    "wagtailforms": "0005_alter_formsubmission_form_data",
    "wagtailimages": "0027_image_description",
    "wagtailredirects": "0008_add_verbose_name_plural",
    "wagtailsearch": "0009_remove_ngram_autocomplete",
    "wagtailsearchpromotions": "0007_searchpromotion_external_link_text_and_more",
    "wagtailusers": "0014_userprofile_contrast",
}
PAGE_MODEL_FALLBACK = 'getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")'


def _number(migration_name):
    return int(migration_name.split("_", 1)[0])


def _wagtail_dependency_problem(app_label, name):
    if not app_label.startswith("wagtail"):
        return None
    newest = NEWEST_IN_WAGTAIL_7_0.get(app_label)
    if newest is None:
        return f"depends on {app_label}, which Wagtail 7.0 does not have"
    if _number(name) > _number(newest):
        return f"depends on {app_label} {name}, newer than Wagtail 7.0's {newest}"
    return None


def problems(source):
    """What in one migration's source Wagtail 7.0 cannot load, each with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            label, name = node.elts
            if (
                isinstance(label, ast.Constant)
                and isinstance(name, ast.Constant)
                and isinstance(label.value, str)
                and isinstance(name.value, str)
                and name.value[:4].isdigit()
            ):
                problem = _wagtail_dependency_problem(label.value, name.value)
                if problem:
                    found.append(f"line {node.lineno}: {problem}")
        elif isinstance(node, ast.Name | ast.alias) and "modelsearch" in (
            node.id if isinstance(node, ast.Name) else node.name
        ):
            found.append(f"line {node.lineno}: uses modelsearch (wagtail.search.index instead)")
        elif isinstance(node, ast.Attribute) and node.attr == "WAGTAIL_PAGE_MODEL":
            found.append(f"line {node.lineno}: settings.WAGTAIL_PAGE_MODEL without a fallback")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and any(
                isinstance(a, ast.Constant) and a.value == "WAGTAIL_PAGE_MODEL" for a in node.args
            )
            and ast.unparse(node).replace("'", '"') != PAGE_MODEL_FALLBACK
        ):
            found.append(f"line {node.lineno}: WAGTAIL_PAGE_MODEL without {PAGE_MODEL_FALLBACK}")
    return found


def migration_files():
    return sorted(
        path
        for folder in APP_FOLDERS
        for path in (REPOSITORY / folder / "migrations").glob("0*.py")
    )


def test_every_app_has_migrations_to_check():
    folders = {path.parent.parent.relative_to(REPOSITORY).as_posix() for path in migration_files()}

    assert folders == set(APP_FOLDERS)


def test_every_migration_loads_on_wagtail_7_0():
    found = {
        str(path.relative_to(REPOSITORY)): problems(path.read_text(encoding="utf-8"))
        for path in migration_files()
    }

    assert {path: lines for path, lines in found.items() if lines} == {}


MADE_BY_WAGTAIL_8 = """
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("involvement_pages", "0001_initial"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]
    operations = [
        migrations.CreateModel(
            name="Thing",
            fields=[
                ("page", models.ForeignKey(getattr(settings, "WAGTAIL_PAGE_MODEL"), on_delete=1)),
            ],
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]
"""


def test_the_check_finds_what_a_makemigrations_under_wagtail_8_writes():
    found = problems(MADE_BY_WAGTAIL_8)

    newer = "newer than Wagtail 7.0's 0094_alter_page_locale"
    assert f"line 9: depends on wagtailcore 0098_apitoken, {newer}" in found
    assert any("wagtailadmin 0006_formstate" in line for line in found)
    assert not any("involvement_pages" in line for line in found)
    assert "line 2: uses modelsearch (wagtail.search.index instead)" in found
    assert "line 20: uses modelsearch (wagtail.search.index instead)" in found
    assert "line 12: settings.WAGTAIL_PAGE_MODEL without a fallback" in found
    assert any(line.startswith("line 18: WAGTAIL_PAGE_MODEL without") for line in found)


def test_the_check_passes_the_portable_spelling():
    portable = MADE_BY_WAGTAIL_8.replace("modelsearch.index", "wagtail.search.index")
    portable = portable.replace("0098_apitoken", "0094_alter_page_locale")
    portable = portable.replace("0006_formstate", "0005_editingsession_is_editing")
    portable = portable.replace("settings.WAGTAIL_PAGE_MODEL", PAGE_MODEL_FALLBACK)
    portable = portable.replace('getattr(settings, "WAGTAIL_PAGE_MODEL")', PAGE_MODEL_FALLBACK)

    assert problems(portable) == []
