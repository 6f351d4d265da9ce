"""Matching the headers people type to the fields we import.

"Post Code", "POSTCODE" and "post_code" are one column; so are the synonyms a resource
lists ("Surname" and "Last name"). Unknown headers are reported, never dropped silently.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

NON_WORD_RE = re.compile(r"[^a-z0-9]+")


def header_key(header):
    """Case, spaces and punctuation do not matter: 'D.O.B.' and 'dob' are one header."""
    return NON_WORD_RE.sub("", str(header).lower())


@dataclass(frozen=True)
class Column:
    """One field a resource imports, the header we export it under, and what else people call it."""

    field: str
    header: str
    synonyms: tuple = ()
    required: bool = False
    help: str = ""

    def header_keys(self):
        return {header_key(self.field), header_key(self.header), *map(header_key, self.synonyms)}


@dataclass
class HeaderMatch:
    positions: dict  # field -> index of the column in the file
    unknown: list  # headers we do not import, as typed
    errors: list  # messages about the header row as a whole


def match_headers(headers, columns):
    by_key = {}
    for column in columns:
        for key in column.header_keys():
            by_key.setdefault(key, column)
    positions, unknown, errors = {}, [], []
    seen = {}
    for index, header in enumerate(headers):
        typed = str(header).strip()
        if not typed:
            continue
        column = by_key.get(header_key(typed))
        if column is None:
            unknown.append(typed)
            continue
        if column.field in positions:
            errors.append(
                gettext(
                    "The columns '%(first)s' and '%(second)s' both hold %(header)s. "
                    "Keep one of them."
                )
                % {"first": seen[column.field], "second": typed, "header": column.header}
            )
            continue
        positions[column.field] = index
        seen[column.field] = typed
    missing = [c.header for c in columns if c.required and c.field not in positions]
    if missing:
        errors.append(
            gettext("The file has no column for %(headers)s.")
            % {"headers": ", ".join(f"'{m}'" for m in missing)}
        )
    return HeaderMatch(positions=positions, unknown=unknown, errors=errors)
