"""Forgetting a person on request (UK GDPR, the right to erasure), without losing the counts.

The person's row stays, emptied and named "Erased person", so every membership, sign-up,
claim and application keeps its number and still counts; what identified them is removed.
Deleting the row instead would cascade silently through panels and sign-ups and leave grant
applications with no applicant, which is why the register offers no generic Delete.

The records of involvement live in apps above this one, so each takes part through a hook:

``ERASURE_HOOK`` ("involvement_person_erasure")
    Each function takes ``(person)`` and returns ``None`` or an :class:`ErasurePart`: lines
    for the confirm page (what it erases, what it keeps), reasons to refuse, and an
    ``erase(person, traces)`` callable run inside the one transaction. ``traces`` knows the
    person's name and contact details and removes them from any text (:class:`Traces`).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from .booked_events import booked_event
from .emails import offer_places_on_commit
from .models import AccessLogEntry, EqualityMonitoring, Person, RegisterSubmission, SignUp
from .signups import LIVE, cancel

ERASURE_HOOK = "involvement_person_erasure"
ERASE_ACTION = "involvement_forms.erase"
RETENTION_ERASE_ACTION = "involvement_forms.erase_retention"
ERASED_NAME = _("Erased person")
#: Shorter than this, a name or number would match inside unrelated words.
SHORTEST_TRACE = 4


class ErasureRefused(Exception):
    def __init__(self, reasons):
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = reasons


@dataclass
class ErasurePart:
    """One app's share of erasing a person."""

    erased: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    refusals: list = field(default_factory=list)
    erase: Callable | None = None


@dataclass
class ErasurePlan:
    person: Person
    parts: list

    def _lines(self, name):
        return [line for part in self.parts for line in getattr(part, name)]

    @property
    def erased(self):
        return self._lines("erased")

    @property
    def kept(self):
        return self._lines("kept")

    @property
    def refusals(self):
        return self._lines("refusals")


class Traces:
    """The person's name and contact details, and removing them from text and JSON."""

    def __init__(self, person):
        self.replacements = {}
        contacts = [person.email, person.phone, person.mobile, person.landline]
        for value in contacts:
            self._add(value, "")
        self._add(person.name, str(ERASED_NAME))

    def _add(self, value, replacement):
        value = (value or "").strip()
        if len(value) >= SHORTEST_TRACE:
            self.replacements[value.casefold()] = replacement

    @property
    def needles(self):
        return list(self.replacements)

    def pattern(self):
        if not self.replacements:
            return None
        # Longest first, so an email holding the name goes as a whole.
        alternatives = sorted(self.replacements, key=len, reverse=True)
        return re.compile("|".join(re.escape(n) for n in alternatives), re.IGNORECASE)

    def scrub(self, value):
        """``value`` (a string, or JSON of lists and dicts) with every trace replaced."""
        pattern = self.pattern()
        if pattern is None:
            return value
        return self._scrub(value, pattern)

    def _scrub(self, value, pattern):
        if isinstance(value, str):
            return pattern.sub(lambda match: self.replacements[match.group(0).casefold()], value)
        if isinstance(value, list):
            return [self._scrub(item, pattern) for item in value]
        if isinstance(value, dict):
            return {key: self._scrub(item, pattern) for key, item in value.items()}
        return value

    def q(self, *lookups):
        """Q: any of ``lookups`` (``"label__icontains"``...) holds any trace.

        JSON may be stored with non-ASCII letters escaped (SQLite) or not (PostgreSQL),
        so each trace is looked for in both spellings."""
        condition = Q(pk__in=[])
        for needle in self.needles:
            for spelling in {needle, json.dumps(needle)[1:-1]}:
                for lookup in lookups:
                    condition |= Q(**{lookup: spelling})
        return condition


def counted(text, count):
    return text % {"count": count}


# A person's own answers go with their row. Every other record pointing at them (a sign-up,
# a panel membership, an expense claim, a grant application) is a record of what happened,
# which erasure keeps under "Erased person"; while one does, the row stays.
OWN_ANSWERS = (EqualityMonitoring, RegisterSubmission)


def referenced():
    """Q on Person: a record that erasure keeps still points at them.

    Read from the model's relations, so a record added by any app counts without a list
    to keep up to date."""
    condition = Q(pk__in=[])
    for relation in Person._meta.get_fields():
        if not (relation.auto_created and relation.is_relation) or relation.concrete:
            continue
        if relation.related_model in OWN_ANSWERS:
            continue
        pointing = relation.related_model._default_manager.filter(
            **{relation.field.name: OuterRef("pk")}
        )
        condition |= Q(Exists(pointing))
    return condition


def register_part(person):
    """The register's own record: everything that identifies them goes."""
    erased = [
        _("Their name, email address and phone numbers"),
        _("Their address and postcode, home, tenure and landlord"),
        _("Their date of birth"),
        _("Their interests, skills, availability and the ways they like to take part"),
        _("Their support and communication needs and language"),
        _("Their reference in a legacy system"),
    ]
    if EqualityMonitoring.objects.filter(person=person).exists():
        erased.append(_("Their equality monitoring answers"))
    entries = RegisterSubmission.objects.filter(person=person).count()
    if entries:
        erased.append(
            counted(
                ngettext(
                    "Their answers on %(count)s join form",
                    "Their answers on %(count)s join forms",
                    entries,
                ),
                entries,
            )
        )
    erased.append(_("Their name and contact details in the admin's history of changes"))

    def erase(person, traces):
        EqualityMonitoring.objects.filter(person=person).delete()
        RegisterSubmission.objects.filter(person=person).update(form_data={})

    return ErasurePart(erased=erased, erase=erase)


def still_to_come(sign_ups):
    """Of ``sign_ups`` (live, not yet attended), those whose event has not happened yet.

    A form booked by a calendar event whose dates have all passed is over; a form with its
    own "when" cannot be told apart, so its places count as still to come."""
    over = {}
    coming = []
    for signup in sign_ups:
        if signup.page_id not in over:
            event = booked_event(signup.page)
            over[signup.page_id] = event is not None and event.is_over
        if not over[signup.page_id]:
            coming.append(signup)
    return coming


def sign_ups_part(person):
    """Sign-ups stay (who came still counts); their answers go, and places at events still
    to come are freed. A place at an event already over is kept: it is what happened."""
    sign_ups = SignUp.objects.filter(person=person)
    total = sign_ups.count()
    if not total:
        return None
    came = sign_ups.filter(attended_on__isnull=False).count()
    live = list(sign_ups.filter(status__in=LIVE, attended_on__isnull=True).select_related("page"))
    coming = still_to_come(live)
    kept = [
        counted(ngettext("%(count)s sign-up", "%(count)s sign-ups", total), total),
        counted(
            ngettext(
                "%(count)s day they came to a signed-up event",
                "%(count)s days they came to signed-up events",
                came,
            ),
            came,
        ),
    ]
    erased = [_("Their answers to the extra questions on sign-up forms")]
    if coming:
        erased.append(
            counted(
                ngettext(
                    "%(count)s place or waiting-list spot at an event still to come: "
                    "cancelled, and the place offered to the next person waiting",
                    "%(count)s places or waiting-list spots at events still to come: "
                    "cancelled, and each place offered to the next person waiting",
                    len(coming),
                ),
                len(coming),
            ),
        )

    def erase(person, traces):
        for signup in coming:
            _cancelled, promoted = cancel(signup.page.specific, signup.pk)
            offer_places_on_commit(promoted)
        SignUp.objects.filter(person=person).update(form_data={})

    return ErasurePart(erased=erased, kept=kept, erase=erase)


def plan_erasure(person):
    """What erasing ``person`` would erase, keep, or be refused for."""
    parts = [register_part(person), sign_ups_part(person)]
    for hook in hooks.get_hooks(ERASURE_HOOK):
        parts.append(hook(person))
    return ErasurePlan(person=person, parts=[part for part in parts if part])


def scrub_log_entries(person, traces):
    """Wagtail's history of changes keeps each object's name then ("label") and details
    ("data"): the person's own entries, and any other naming them, lose those traces."""
    own = Q(
        content_type__app_label=Person._meta.app_label,
        content_type__model=Person._meta.model_name,
        object_id=str(person.pk),
    )
    naming = traces.q("label__icontains", "data__icontains")
    for model, condition in (
        (ModelLogEntry, own | naming),
        (AccessLogEntry, own | naming),
        (PageLogEntry, naming),
    ):
        entries = list(model.objects.filter(condition).only("pk", "label", "data"))
        for entry in entries:
            entry.label = traces.scrub(entry.label)
            entry.data = traces.scrub(entry.data)
        model.objects.bulk_update(entries, ["label", "data"], batch_size=500)
    for model in (ModelLogEntry, AccessLogEntry):
        model.objects.filter(own).update(label=str(ERASED_NAME))


def empty(person):
    for name in (
        "email",
        "phone",
        "mobile",
        "landline",
        "address",
        "postcode",
        "contact_method",
        "tenure",
        "skills",
        "language",
        "other_needs",
        "how_heard",
        "legacy_reference",
    ):
        setattr(person, name, "")
    person.name = str(ERASED_NAME)
    person.landlord = person.area = person.date_of_birth = None
    person.is_active = False
    person.erased_at = timezone.now()
    person.save()
    for relation in (
        "interests",
        "ways_to_take_part",
        "availability",
        "communication_needs",
        "support_needs",
    ):
        getattr(person, relation).clear()


@transaction.atomic
def erase_person(person, user=None, *, action=ERASE_ACTION):
    """Erase ``person`` as planned, all or nothing; ErasureRefused if anything must stay.
    ``action``: why, for the history of changes (on request, or by retention)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at:
        return person
    plan = plan_erasure(person)
    if plan.refusals:
        raise ErasureRefused(plan.refusals)
    traces = Traces(person)
    for part in plan.parts:
        if part.erase:
            part.erase(person, traces)
    scrub_log_entries(person, traces)
    empty(person)
    # The entry names nobody: its label is the placeholder's.
    log(instance=person, action=action, user=user)
    return person


def erasure_log_action(actions):
    actions.register_action(ERASE_ACTION, gettext("Erase"), gettext("Erased on request"))
    actions.register_action(
        RETENTION_ERASE_ACTION,
        gettext("Erase (retention)"),
        gettext("Erased: inactive for longer than the retention period"),
    )
