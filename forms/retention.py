"""Removing personal data once its retention period has passed (UK GDPR storage limitation).

The periods are settings (``INVOLVEMENT_RETENTION``, see ``forms/conf.py``). Each kind of
data is a ``RetentionRule``; the rules for data this app owns are here, and apps above it
(importers, consultations) add theirs through the Wagtail hook ``RETENTION_HOOK``
("involvement_retention"): each function takes no arguments and returns a list of rules.

``apply_retention(dry_run=...)`` is what ``manage.py apply_retention`` and the scheduled task
run. A dry run counts what would go; neither names anyone, so its output can be pasted into
a ticket or a log.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import ModelLogEntry, PageLogEntry

from dateutil.relativedelta import relativedelta
from django_tasks import task

from .conf import retention_period
from .erasure import (
    RETENTION_ERASE_ACTION,
    ErasureRefused,
    erase_person,
    plan_erasure,
    referenced,
)
from .involvement import involved_between
from .models import AccessLogEntry, Person, RegisterSubmission, SignUp

RETENTION_HOOK = "involvement_retention"


@dataclass
class Outcome:
    """What one rule found: how many records went (or would go), and how many were kept."""

    label: str
    period: str
    removed: int = 0
    kept: dict = field(default_factory=dict)  # reason -> count


@dataclass
class RetentionRule:
    """A kind of data with its period. ``setting`` names the period in INVOLVEMENT_RETENTION
    and ``unit`` is "years", "months" or "days"; ``apply(cutoff, dry_run)`` returns an Outcome
    for everything older than ``cutoff`` (a datetime)."""

    label: str
    setting: str
    unit: str
    apply: object

    def cutoff(self, now):
        amount = retention_period(self.setting)
        if amount is None:
            return None
        return now - relativedelta(**{self.unit: amount})

    def describe_period(self):
        amount = retention_period(self.setting)
        if amount is None:
            return gettext("kept for ever")
        return PERIOD_WORDING[self.unit](amount) % {"amount": amount}


PERIOD_WORDING = {
    "years": lambda n: ngettext("older than %(amount)s year", "older than %(amount)s years", n),
    "months": lambda n: ngettext("older than %(amount)s month", "older than %(amount)s months", n),
    "days": lambda n: ngettext("older than %(amount)s day", "older than %(amount)s days", n),
}


# People


def last_submission_after(model, cutoff):
    return Exists(model.objects.filter(person=OuterRef("pk"), submit_time__gte=cutoff))


def inactive_people(cutoff):
    """People with no sign-up, join, involvement or change to their record since ``cutoff``."""
    since = cutoff.date() if isinstance(cutoff, datetime.datetime) else cutoff
    recent = (
        Q(date_joined__gte=since)
        | Q(updated_at__gte=cutoff)
        | Q(last_submission_after(SignUp, cutoff))
        | Q(last_submission_after(RegisterSubmission, cutoff))
        | involved_between(since, timezone.localdate())
    )
    return Person.objects.exclude(recent)


def remove_inactive_people(cutoff, dry_run):
    """Inactive people go through erasure, as if they had asked: what names them goes from
    every app (its hooks), places and counts stay. A row nothing refers to any more is then
    deleted; one that records of taking part still point at stays as "Erased person"."""
    outcome = Outcome(_("Inactive people"), "")
    candidates = inactive_people(cutoff).filter(erased_at__isnull=True)
    referenced_ids = set(candidates.filter(referenced()).values_list("pk", flat=True))
    erased, refused, forgotten = 0, 0, []
    for person in candidates:
        if dry_run:
            refusals = person.pk in referenced_ids and plan_erasure(person).refusals
        else:
            try:
                erase_person(person, action=RETENTION_ERASE_ACTION)
                refusals = False
            except ErasureRefused:
                refusals = True
        if refusals:
            refused += 1
        elif person.pk in referenced_ids:
            erased += 1
        else:
            forgotten.append(person.pk)
    outcome.removed = len(forgotten)
    if erased:
        reason = (
            gettext("still referenced: would be erased and kept as \u201cErased person\u201d")
            if dry_run
            else gettext("still referenced: erased and kept as \u201cErased person\u201d")
        )
        outcome.kept[reason] = erased
    if refused:
        reason = gettext(
            "kept: cannot be erased yet (an unpaid expense claim or a grant application "
            "being decided; see their Erase page)"
        )
        outcome.kept[reason] = refused
    if not dry_run and forgotten:
        Person.objects.filter(pk__in=forgotten).delete()
        ids = [str(pk) for pk in forgotten]
        person_type = ContentType.objects.get_for_model(Person)
        for model in (ModelLogEntry, AccessLogEntry):
            model.objects.filter(content_type=person_type, object_id__in=ids).delete()
    return outcome


# Form answers


def clear_form_answers(cutoff, dry_run):
    """Editors' extra questions' answers on old sign-ups and joins; the records themselves
    stay (who came, for the counts) until the person goes."""
    outcome = Outcome(_("Form answers"), "")
    for model in (SignUp, RegisterSubmission):
        old = model.objects.filter(submit_time__lt=cutoff).exclude(form_data={})
        if dry_run:
            outcome.removed += old.count()
        else:
            outcome.removed += old.update(form_data={})
    return outcome


# Audit entries


def prune_audit_entries(cutoff, dry_run):
    outcome = Outcome(_("Audit entries"), "")
    for model in (PageLogEntry, ModelLogEntry, AccessLogEntry):
        old = model.objects.filter(timestamp__lt=cutoff)
        if dry_run:
            outcome.removed += old.count()
        else:
            outcome.removed += old.delete()[0]
    return outcome


def own_rules():
    return [
        RetentionRule(
            _("Inactive people"), "inactive_people_years", "years", remove_inactive_people
        ),
        RetentionRule(_("Form answers"), "form_answers_months", "months", clear_form_answers),
        RetentionRule(_("Audit entries"), "audit_entries_years", "years", prune_audit_entries),
    ]


def all_rules():
    rules = own_rules()
    for hook in hooks.get_hooks(RETENTION_HOOK):
        rules.extend(hook())
    return rules


def apply_retention(*, dry_run=False, now=None):
    """Apply every rule; returns a list of Outcomes, one per rule, in order."""
    now = now or timezone.now()
    # Every period is read (and a mistaken one refused) before anything is removed.
    planned = [(rule, rule.cutoff(now)) for rule in all_rules()]
    outcomes = []
    for rule, cutoff in planned:
        if cutoff is None:
            outcome = Outcome(rule.label, rule.describe_period())
        else:
            with transaction.atomic():
                outcome = rule.apply(cutoff, dry_run)
            outcome.label = rule.label
            outcome.period = rule.describe_period()
        outcomes.append(outcome)
    return outcomes


def summary(outcomes, *, dry_run):
    """Lines for people to read: each kind, its period, how many went, how many were kept."""
    lines = [gettext("Dry run: nothing was removed.") if dry_run else gettext("Retention applied.")]
    verb = gettext("would go") if dry_run else gettext("removed")
    for outcome in outcomes:
        line = f"{outcome.label} ({outcome.period}): {outcome.removed} {verb}"
        for reason, count in outcome.kept.items():
            line += f"; {count} {reason}"
        lines.append(line)
    return lines


@task()
def apply_retention_task():
    """The scheduled run (see docs/deploying.md); returns the summary it would print."""
    return "\n".join(summary(apply_retention(), dry_run=False))


__all__ = ["RETENTION_HOOK", "Outcome", "RetentionRule", "apply_retention"]
