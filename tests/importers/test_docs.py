from pathlib import Path

from importers.resources import RESOURCES

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "importing.md").read_text(encoding="utf-8")


def test_every_resource_and_column_is_documented():
    for name, resource in RESOURCES.items():
        assert f"`{name}`" in DOCS, name
        for column in resource.columns:
            row = f"| {column.header} | {', '.join(column.synonyms)} |"
            assert row in DOCS, (name, column.header)
