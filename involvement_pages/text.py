"""The one way the plugin tidies text that people type or paste: forms, search and imports."""

import re
import unicodedata

MAX_SEARCH_LENGTH = 200

# Letters and digits in any script; everything else is punctuation or search syntax.
WORD_RE = re.compile(r"[^\W_]+")


def clean_text(value, *, multiline=False):
    """Drop NUL, other control characters and bidi overrides; trim the ends.

    Line breaks and tabs survive only in multi-line text. Emoji and accents are kept.
    """
    if value is None:
        return ""
    value = str(value)
    if value.isascii() and value.isprintable():
        # The common case, checked in C: no controls, no bidi marks, nothing to drop.
        if multiline:
            return value.strip()
        tidy = " ".join(value.split())
        # The same string when nothing changed, not an equal copy: an import of 100,000
        # rows keeps every cell, and would otherwise keep each twice.
        return value if tidy == value else tidy
    kept = []
    for ch in value:
        if multiline and ch in "\n\t":
            kept.append(ch)
        elif ch == "\r":
            continue
        elif unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} and ch != "\u200d":
            # Cf holds the right-to-left overrides; the zero-width joiner stays for emoji.
            continue
        else:
            kept.append(ch)
    text = "".join(kept)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def search_words(value):
    """What someone typed into a search box, tidied and cut to a length worth searching."""
    return clean_text(value)[:MAX_SEARCH_LENGTH]


def search_terms(value):
    """The words of a search, with the search backend's own syntax taken out.

    Wagtail's SQLite backend passes a typed ``"`` straight into FTS5, where it is a syntax
    error, and each backend reads ``*``, ``-``, brackets and ``OR`` its own way. Residents
    type words, so only words are searched: ``"council"`` finds the Customer Council.
    """
    return " ".join(WORD_RE.findall(search_words(value)))
