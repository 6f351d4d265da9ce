"""Matching the headers people type to the fields we import, by what the header means.

Each resource lists its columns: the field, its label (the header we export it under) and
what else people call it. A header in a file is matched, best first:

1. by the field's label or name, ignoring case, spaces and punctuation ("POST-CODE");
2. by one of its other names ("Surname" for the last name);
3. by the same words in any order, once accents, filler words ("the", "of"), the words
   "no" and "number", and common abbreviations ("Tel", "Cust", "D.O.B.") are set aside:
   "Tel No" is the phone, "Birth date" is "Date of birth";
4. last, a header that says it holds a reference ("Legacy Ref", "Customer Reference
   Number") finds the resource's reference.

Nothing is dropped silently: a header that matches nothing, or a second header for a field
another column already fills, is reported as not imported until the officer chooses.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.utils.translation import gettext

NON_WORD_RE = re.compile(r"[\W_]+")
WORD_RE = re.compile(r"[^\W_]+")

# Scores, best first; a header goes to the column it scores highest with.
BY_LABEL, BY_ALIAS, BY_WORDS, BY_OWNER, BY_NUMBER, BY_PART, BY_RELATED, BY_SIGNAL = (
    100,
    90,
    80,
    75,
    70,
    65,
    62,
    60,
)

#: Abbreviations and spellings people use, as the words we compare.
ABBREVIATIONS = {
    "tel": ("telephone",),
    "tele": ("telephone",),
    "phone": ("telephone",),
    "telno": ("telephone", "number"),
    "mob": ("mobile",),
    "addr": ("address",),
    "adr": ("address",),
    "cust": ("customer",),
    "ref": ("reference",),
    "refno": ("reference", "number"),
    "no": ("number",),
    "num": ("number",),
    "nbr": ("number",),
    "nr": ("number",),
    "identifier": ("id",),
    "dob": ("date", "birth"),
    "org": ("organisation",),
    "organization": ("organisation",),
    "desc": ("description",),
    "amt": ("amount",),
    "mtg": ("meeting",),
    "app": ("application",),
    "appl": ("application",),
    "forename": ("first", "name"),
    "forenames": ("first", "name"),
    "firstname": ("first", "name"),
    "fname": ("first", "name"),
    "surname": ("last", "name"),
    "lastname": ("last", "name"),
    "lname": ("last", "name"),
    "pcode": ("postcode",),
}
#: Words written apart or letter by letter: "E-mail", "Post Code", "D.O.B.".
PHRASES = {
    ("e", "mail"): ("email",),
    ("post", "code"): ("postcode",),
    ("d", "o", "b"): ("date", "birth"),
}
STOP_WORDS = frozenset({"the", "of", "a", "an", "and", "s", "for", "in", "on", "by", "at", "our"})
#: Words that say a column holds a reference. "No" and "number" also follow a phone or a
#: count, so alone they only point at a reference when the rest names whose it is.
STRONG_SIGNALS = frozenset({"reference", "id"})
WEAK_SIGNALS = frozenset({"number", "code"})
#: Whose reference a header names, not what else it holds: "Legacy Ref", "Tenant No".
OWNER_WORDS = frozenset(
    {"legacy", "old", "previous", "former", "original", "orig", "system", "unique", "record"}
    | {"internal", "external", "master", "source", "crm", "customer", "tenant", "resident"}
    | {"person", "people", "member", "client", "household"}
)
#: A header with one of these holds something else that has a number ("NI Number",
#: "Property Ref", "Row ID"): never guessed to be the record's reference.
OTHER_MEANINGS = frozenset(
    {"telephone", "mobile", "fax", "landline", "postcode", "address", "house", "flat"}
    | {"property", "uprn", "block", "national", "insurance", "ni", "nino", "bank", "sort"}
    | {"account", "birth", "date", "time", "row", "line", "page", "version", "batch", "file"}
    | {"vat", "company", "charity", "registration", "passport", "licence", "vehicle", "room"}
)


def header_key(header):
    """Case, spaces and punctuation do not matter, letters in any alphabet do: 'D.O.B.' and
    'dob' are one header, and 'Téléphone' keeps its accents."""
    return NON_WORD_RE.sub("", unicodedata.normalize("NFKC", str(header)).casefold())


@dataclass(frozen=True)
class Words:
    """What a header says once its spelling is set aside: its words, and whether (and how
    firmly) it says it holds a reference."""

    core: frozenset
    signal: str = ""  # "strong", "weak" or ""


def _split_camel_case(text):
    # "CustomerRefNo" and "DateOfBirth" come from systems that export field names.
    out = []
    for index, char in enumerate(text):
        if index and char.isupper() and text[index - 1].islower():
            out.append(" ")
        out.append(char)
    return "".join(out)


def _plain(text):
    text = unicodedata.normalize("NFKD", _split_camel_case(unicodedata.normalize("NFKC", text)))
    return "".join(c for c in text.casefold() if not unicodedata.combining(c))


def _expand(raw):
    tokens, index = [], 0
    while index < len(raw):
        for phrase, replacement in PHRASES.items():
            if tuple(raw[index : index + len(phrase)]) == phrase:
                tokens.extend(replacement)
                index += len(phrase)
                break
        else:
            tokens.extend(ABBREVIATIONS.get(raw[index], (raw[index],)))
            index += 1
    return tokens


def words(header):
    """The ``Words`` of a header: 'Tel. No.' and 'Telephone number' say the same."""
    tokens = _expand(WORD_RE.findall(_plain(str(header))))
    if tokens and all(t in WEAK_SIGNALS for t in tokens):
        return Words(frozenset(tokens))  # "No." alone is a row number or a count
    core, signal = set(), ""
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in STRONG_SIGNALS:
            signal = "strong"
        elif token in WEAK_SIGNALS and following != "of":  # "Number of members" is a count
            signal = signal or "weak"
        elif token not in STOP_WORDS:
            core.add(token)
    return Words(frozenset(core), signal)


def column_letter(index):
    """A column as a spreadsheet names it: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def header_signature(headers):
    """The same headers, in any order or spelling of case and spaces, give the same
    signature: how a saved mapping finds the next file of the same kind."""
    keys = sorted(header_key(h) for h in headers if str(h).strip())
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()


class Column:
    """One field a resource imports: its label (the header we export it under) and what else
    people call it (``synonyms``, also accepted as ``aliases``)."""

    __slots__ = ("field", "header", "help", "required", "synonyms")

    def __init__(
        self, field, header=None, synonyms=(), required=False, help="", *, label=None, aliases=()
    ):
        self.field = field
        self.header = header or label or field.replace("_", " ").capitalize()
        self.synonyms = (*synonyms, *aliases)
        self.required = required
        self.help = help

    @property
    def label(self):
        return self.header

    @property
    def aliases(self):
        return self.synonyms

    def _key(self):
        return (self.field, self.header, self.synonyms, self.required, self.help)

    def __eq__(self, other):
        return isinstance(other, Column) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"Column({self.field!r}, {self.header!r})"

    def header_keys(self):
        return {header_key(self.field), header_key(self.header), *map(header_key, self.synonyms)}


@dataclass
class ColumnMatch:
    """One column of the file and the field it fills ("" when it is not imported)."""

    index: int
    header: str  # as typed, without the spaces around it
    field: str = ""
    how: str = ""  # "name", "words" (check it), "chosen" (by the officer) or ""
    also: str = ""  # the field it looks like, which another column fills
    note: str = ""  # why it is not imported although it looks like a field
    error: str = ""
    empty: bool = False  # no header and no values: a stray delimiter at the end of a line

    @property
    def letter(self):
        return column_letter(self.index)

    @property
    def name(self):
        """How the officer knows it: its header, or its letter when it has none."""
        return self.header or gettext("Column %(letter)s (no header)") % {"letter": self.letter}


@dataclass
class HeaderMatch:
    positions: dict  # field -> index of the column in the file
    unknown: list  # headers we do not import, as typed
    errors: list  # messages about the header row as a whole
    columns: list = dataclass_field(default_factory=list)  # a ColumnMatch for every column


class _Candidate:
    """A column's names, in the forms the matcher compares."""

    def __init__(self, column):
        self.column = column
        self.labels = {header_key(column.field), header_key(column.header)}
        self.aliases = set(map(header_key, column.synonyms))
        self.words = [words(n) for n in (column.header, column.field, *column.synonyms)]
        self.words = [w for w in self.words if w.core or w.signal]


def _score(candidate, key, said, key_field, record_words):
    if key in candidate.labels:
        return BY_LABEL
    if key in candidate.aliases:
        return BY_ALIAS
    best = 0
    part = said.core - OWNER_WORDS - record_words
    for name in candidate.words:
        if (said.core or said.signal) and said.core == name.core:
            if bool(said.signal) == bool(name.signal):
                best = max(best, BY_WORDS)
            elif name.signal or not said.core:
                continue  # "Customer" is not "Customer ref"
            elif said.signal == "weak":  # "Tel No" is the phone
                best = max(best, BY_NUMBER)
            else:  # "Fund ID" in a file of rounds: the fund the round belongs to
                best = max(best, BY_RELATED)
        elif (
            part
            and part != said.core
            and part == name.core  # "Tenant email", "Event date"
            and (bool(said.signal) == bool(name.signal) or said.signal == "weak")
        ):
            best = max(best, BY_PART)
    if candidate.column.field == key_field and said.signal:
        if said.core <= OWNER_WORDS | record_words:  # "Legacy Ref", "Event ID"
            best = max(best, BY_OWNER)
        elif said.signal == "strong" and not said.core & OTHER_MEANINGS:  # "Northgate Ref"
            best = max(best, BY_SIGNAL)
    return best


def match_headers(headers, columns, chosen=None, key_field="legacy_reference", record_words=()):
    """Match every header of a file to a field.

    ``chosen`` is {column index: field or ""}: what the officer (or a saved mapping, or the
    command line) decided for those columns; the rest are matched by their headers."""
    chosen = chosen or {}
    by_field = {c.field: c for c in columns}
    # Listed in the resource's order: on a tie, the column listed first wins.
    candidates = [_Candidate(column) for column in columns]
    record_words = frozenset(record_words)
    found = [ColumnMatch(index, str(h).strip()) for index, h in enumerate(headers)]
    errors = []
    claims = {}  # field -> [(rank, index)]; an officer's choice outranks any match
    for column in found:
        if column.index in chosen:
            field = chosen[column.index] or ""
            if field and field not in by_field:
                column.error = gettext("There is no field called '%(field)s'.") % {"field": field}
                errors.append(column.error)
                continue
            column.how = "chosen"
            if field:
                claims.setdefault(field, []).append(((1, 0), column.index))
            continue
        if not column.header:
            continue
        key, said = header_key(column.header), words(column.header)
        best_score, best = 0, None
        for candidate in candidates:
            score = _score(candidate, key, said, key_field, record_words)
            if score > best_score:
                best_score, best = score, candidate
        if best is not None:
            column.how = "name" if best_score >= BY_ALIAS else "words"
            claims.setdefault(best.column.field, []).append(((0, best_score), column.index))
    for field, claimants in claims.items():
        # The highest rank wins; on a tie, the column further left.
        ranked = sorted(claimants, key=lambda claim: (-claim[0][0], -claim[0][1], claim[1]))
        winner = found[ranked[0][1]]
        winner.field = field
        for rank, index in ranked[1:]:
            loser = found[index]
            loser.also = field
            values = {
                "label": by_field[field].header,
                "first": _quoted(winner),
                "second": _quoted(loser),
            }
            if rank[0] and ranked[0][0][0]:  # the officer chose one field for two columns
                loser.error = (
                    gettext("%(label)s is chosen for both %(first)s and %(second)s. Choose one.")
                    % values
                )
                errors.append(loser.error)
            else:
                loser.how = ""
                loser.note = (
                    gettext(
                        "This looks like %(label)s too, which %(first)s fills. Choose a field "
                        "for it, or leave it not imported."
                    )
                    % values
                )
    positions = {c.field: c.index for c in found if c.field}
    unknown = [c.header for c in found if c.header and not c.field]
    for column in columns:
        if column.required and column.field not in positions:
            errors.append(missing_message(column))
    return HeaderMatch(positions=positions, unknown=unknown, errors=errors, columns=found)


def missing_message(column):
    # The label stays as the resource names it: it is the name the select offers.
    return gettext("Choose which column holds the %(label)s.") % {"label": column.header}


def _quoted(column):
    values = {"letter": column.letter, "name": column.name}
    return gettext("column %(letter)s ('%(name)s')") % values


def choices_by_header(headers, mapping):
    """{column index: field} from {header: field}, as a saved mapping or ``--map`` gives it.

    A header is found as typed, else by its key ('tel no' finds 'Tel No'); when a file has
    the same header twice, the first takes it. Returns the choices and the headers the file
    does not have."""
    exact, by_key = {}, {}
    for index, header in enumerate(headers):
        exact.setdefault(str(header).strip(), index)
        by_key.setdefault(header_key(header), index)
    chosen, missing = {}, []
    for header, field in mapping.items():
        index = exact.get(str(header).strip(), by_key.get(header_key(header)))
        if index is None:
            missing.append(header)
        else:
            chosen[index] = field or ""
    return chosen, missing


def find_column(columns, name):
    """The column a person names by its field name or its label, in any case; or None."""
    key = header_key(name)
    return next((c for c in columns if key in (header_key(c.field), header_key(c.header))), None)
