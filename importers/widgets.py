"""django-import-export widgets that read legacy cells and explain what is wrong.

Each ``clean`` raises ``ValueError`` with a message for the migrator; the resource reports
it against the row's line and column. Each ``render`` writes what ``clean`` reads back, so
an export imports again as unchanged.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext

from import_export import widgets

from forms.ages import check_date_of_birth
from forms.models import Person
from forms.normalise import normalise_email, normalise_phone, normalise_postcode
from forms.spreadsheet import escape_formula
from involvement_pages.references import own_pk, own_reference

from . import values
from .columns import header_key

#: The longest reference the import records (and the register) hold.
REFERENCE_LENGTH = 60


def _listing(names, limit=12):
    names = list(names)
    shown = ", ".join(f"'{n}'" for n in names[:limit])
    if len(names) <= limit:
        return shown
    return gettext("%(shown)s and %(count)s more") % {"shown": shown, "count": len(names) - limit}


class Remembered:
    """Cells of a column of categories (a landlord, a tenure, yes or no, a date) repeat
    thousands of times in a large file: each different cell is read once, and what it
    gave (or the problem it has) is remembered for the rest of the import."""

    REMEMBER = 2_000  # different cells a column keeps: enough for categories and dates

    def clean(self, value, row=None, **kwargs):
        memo = self.__dict__.get("_memo")
        if memo is None:
            memo = self._memo = {}
        key = (type(value), value)  # 1, 1.0 and True are equal keys, but not one cell
        try:
            cleaned, error = memo[key]
        except KeyError:
            try:
                cleaned, error = super().clean(value, row=row, **kwargs), None
            except ValueError as exc:
                cleaned, error = None, str(exc)
            if len(memo) < self.REMEMBER:
                memo[key] = (cleaned, error)
        except TypeError:  # a cell that cannot be remembered (not hashable)
            return super().clean(value, row=row, **kwargs)
        if error is not None:
            raise ValueError(error)
        return list(cleaned) if isinstance(cleaned, list) else cleaned


class TextWidget(widgets.CharWidget):
    def __init__(self, max_length=None, multiline=False, **kwargs):
        self.max_length = max_length
        self.multiline = multiline
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return values.check_length(values.text(value, multiline=self.multiline), self.max_length)

    def render(self, value, obj=None, **kwargs):
        return escape_formula("" if value is None else str(value))


class ReferenceWidget(TextWidget):
    """Legacy references compare in upper case without spaces: 't 001' and 'T001' are one.

    A row's reference is read to find its record and again to set it: the last cell read
    is remembered, so each is cleaned once."""

    _last = (None, "", None)  # (cell, reference, the ValueError it raised)

    def clean(self, value, row=None, **kwargs):
        cell, reference, error = self._last
        if value is not cell or value is None:
            try:
                reference, error = self._clean(value), None
            except ValueError as exc:
                reference, error = "", exc
            self._last = (value, reference, error)
        if error is not None:
            raise ValueError(str(error))
        return reference

    def _clean(self, value):
        return values.check_length("".join(values.text(value).upper().split()), REFERENCE_LENGTH)


class EmailWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        email = normalise_email(values.check_length(values.text(value), self.max_length))
        if email and ("@" not in email or "." not in email.rsplit("@", 1)[-1]):
            raise ValueError(
                gettext("'%(email)s' is not an email address.") % {"email": email[:60]}
            )
        return email


class PhoneWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return values.check_length(normalise_phone(values.text(value)), self.max_length)


class PostcodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return values.check_length(normalise_postcode(values.text(value)), self.max_length)


class _NumberWords:
    """A cell that is not a number says so in words, not as Python's decimal error."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):
            raise ValueError(
                gettext("'%(value)s' is not a number.") % {"value": values.text(value)[:40]}
            ) from None


class DecimalWidget(_NumberWords, widgets.DecimalWidget):
    pass


class IntegerWidget(_NumberWords, widgets.IntegerWidget):
    pass


class DateWidget(Remembered, widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return values.parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class DateOfBirthWidget(DateWidget):
    """A date of birth, checked as the admin checks it (not in the future, not before 1900,
    16 or over). A two-digit year is always in the past: '03/04/58' is 1958, not 2058."""

    def clean(self, value, row=None, **kwargs):
        born = values.parse_date(value)
        if born is not None and born > timezone.localdate():
            match = values.DMY_RE.match(values.text(value))
            if match and len(match.group(3)) == 2:
                born = born.replace(year=born.year - 100)
        return check_date_of_birth(born)


class YesNoWidget(Remembered, widgets.Widget):
    def __init__(self, default=None, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        answer = values.parse_yes_no(value)
        return self.default if answer is None else answer

    def render(self, value, obj=None, **kwargs):
        return {True: "Yes", False: "No"}.get(value, "")


class ChoiceWidget(Remembered, widgets.Widget):
    """A choice by its stored value or its label, in any case."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        self.lookup = {}
        for value, label in self.choices:
            # Files hold the English labels, as they hold English headers, whatever
            # language the officer reads the admin in; labels in that language are read too.
            with translation.override("en"):
                english = str(label)
            for text in (str(label), english):
                short_label = text.split("(")[0]  # "Residents' association (TRA/TARA)"
                for spelling in (value, text, short_label):
                    self.lookup.setdefault(header_key(spelling), value)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        raw = values.text(value)
        if not raw:
            return ""
        key = header_key(raw)
        if key in self.lookup:
            return self.lookup[key]
        raise ValueError(
            gettext("'%(value)s' is not one of %(choices)s.")
            % {"value": raw[:40], "choices": _listing(label for _, label in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        with translation.override("en"):
            return str(dict(self.choices).get(value, value or ""))


class NamedObjectWidget(Remembered, widgets.ForeignKeyWidget):
    """A related row by its name (or title) or slug, any case, looked up once per import."""

    def __init__(self, model, name_field="name", **kwargs):
        super().__init__(model, field=name_field, **kwargs)
        self.name_field = name_field
        self._index = None

    def index(self):
        if self._index is None:
            self._index = {}
            for obj in self.model.objects.all():
                name = getattr(obj, self.name_field)
                for key in {name.lower(), getattr(obj, "slug", "").lower()} - {""}:
                    self._index[key] = obj
        return self._index

    def lookup(self, name):
        obj = self.index().get(name.lower())
        if obj is None:
            known = sorted({getattr(o, self.name_field) for o in self.index().values()})
            label = self.model._meta.verbose_name
            raise ValueError(
                gettext("No %(kind)s called '%(name)s'. Use one of %(known)s.")
                % {"kind": label, "name": name[:40], "known": _listing(known)}
            )
        return obj

    def clean(self, value, row=None, **kwargs):
        raw = values.text(value)
        return self.lookup(raw) if raw else None

    def render(self, value, obj=None, **kwargs):
        return escape_formula(getattr(value, self.name_field)) if value else ""


class PersonWidget(widgets.ForeignKeyWidget):
    """A person on the register by their reference (legacy, or ID-<number> from an export)."""

    def __init__(self, **kwargs):
        super().__init__(Person, field="legacy_reference", **kwargs)

    def lookup(self, reference):
        pk = own_pk(reference)
        found = (
            self.model.objects.filter(pk=pk)
            if pk
            else self.model.objects.filter(legacy_reference=reference)
        )
        person = found.first()
        if person is None:
            raise ValueError(
                gettext("No one on the register has the reference '%(reference)s'.")
                % {"reference": reference[:40]}
            )
        return person

    def clean(self, value, row=None, **kwargs):
        reference = "".join(values.text(value).upper().split())
        return self.lookup(reference) if reference else None

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return escape_formula(value.legacy_reference or own_reference(value.pk))


class PeopleWidget(widgets.ManyToManyWidget):
    """Several people by reference, separated by semicolons."""

    def __init__(self, **kwargs):
        super().__init__(Person, separator=";", field="legacy_reference", **kwargs)
        self.single = PersonWidget()

    def clean(self, value, row=None, **kwargs):
        found, unknown = [], []
        for reference in values.split_list(value):
            try:
                found.append(self.single.lookup("".join(reference.upper().split())))
            except ValueError:
                unknown.append(reference)
        if unknown:
            raise ValueError(
                gettext("No one on the register has the reference %(references)s.")
                % {"references": _listing(unknown)}
            )
        return list(dict.fromkeys(found))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_items(value.all())

    def render_items(self, people):
        return "; ".join(sorted(self.single.render(p) for p in people))


class NamedObjectsWidget(Remembered, widgets.ManyToManyWidget):
    """Several related rows by name or slug, separated by semicolons."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=";", field="name", **kwargs)
        self.single = NamedObjectWidget(model)

    def clean(self, value, row=None, **kwargs):
        names = values.split_list(value)
        found, unknown = [], []
        for name in names:
            try:
                found.append(self.single.lookup(name))
            except ValueError:
                unknown.append(name)
        if unknown:
            known = sorted({o.name for o in self.single.index().values()})
            label = self.model._meta.verbose_name_plural
            raise ValueError(
                gettext("Unknown %(kind)s: %(unknown)s. Use names from %(known)s.")
                % {"kind": label, "unknown": _listing(unknown), "known": _listing(known)}
            )
        return list(dict.fromkeys(found))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.render_items(value.all())

    def render_items(self, objects):
        return escape_formula("; ".join(sorted(self.single.render(o) for o in objects)))
