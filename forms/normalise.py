"""The one place that tidies contact details and yes/no answers, for forms and importers alike.

Each helper returns the stored form of a value, or raises ``ValueError`` with a message a
resident or a migrator can act on. Blank input gives a blank result (or ``None`` for
booleans), so callers decide whether a blank is allowed.
"""

import re

from django.utils.translation import gettext

from involvement_pages.text import clean_text

# Postcodes as Royal Mail writes them: outward code, a space, inward code. GIR 0AA is Girobank's.
POSTCODE_RE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$")
PHONE_SEPARATORS_RE = re.compile(r"[\s().\-/]")
TRUE_WORDS = {"y", "yes", "true", "t", "1", "x", "on"}
FALSE_WORDS = {"n", "no", "false", "f", "0", "off"}
MAX_EMAIL_LENGTH = 254


def normalise_email(value):
    """Lower-cased and trimmed, so the same person is found whatever case they type."""
    email = clean_text(value).lower()
    if len(email) > MAX_EMAIL_LENGTH:
        raise ValueError(gettext("Email address must be 254 characters or fewer"))
    return email


def normalise_phone(value):
    """Digits only, with a leading 0 for UK numbers (``+44 (0)7700 900 123`` → ``07700900123``).

    Numbers outside the UK keep their ``+`` and country code.
    """
    text = clean_text(value)
    if not text:
        return ""
    digits = PHONE_SEPARATORS_RE.sub("", text.replace("(0)", ""))
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("00"):
        digits = digits[1:]  # +44 0... written with the trunk 0 kept
    if digits.startswith("+"):
        if digits[1:].isdigit() and 8 <= len(digits) - 1 <= 15:
            return digits
    elif digits.isdigit() and digits.startswith("0") and len(digits) in (10, 11):
        return digits
    raise ValueError(
        gettext("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
    )


def normalise_postcode(value):
    """Upper case with one space before the last three characters (``ts11aa`` → ``TS1 1AA``)."""
    compact = "".join(clean_text(value).upper().split())
    if not compact:
        return ""
    if not POSTCODE_RE.match(compact):
        raise ValueError(gettext("Enter a real postcode, like TS1 2AB"))
    return f"{compact[:-3]} {compact[-3:]}"


def parse_boolean(value):
    """True, False or None (blank) from Y/N, Yes/No, TRUE/FALSE, 1/0 or x."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    typed = clean_text("" if value is None else str(value))
    word = typed.lower()
    if not word:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    # Quoted as typed, so the migrator can find it in their spreadsheet.
    raise ValueError(gettext("Use Yes or No, not '%(word)s'") % {"word": typed[:20]})
