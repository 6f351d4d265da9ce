"""Who looked at or took away a resident's data, in Wagtail's log entries.

Each action is logged against the record it concerns (a person, or their equality answers
under their person number) as an ``AccessLogEntry``, which Wagtail's site history report
lists for administrators only (forms/models/access_log.py says why). An entry holds who,
when and what was done, never the equality answers themselves.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import get_active_log_context

from .models import AccessLogEntry

PERSON_VIEWED = "involvement.person_viewed"
EQUALITY_VIEWED = "involvement.equality_viewed"
PERSON_EXPORTED = "involvement.person_exported"

ACTIONS = {
    PERSON_VIEWED: (_("View person"), _("Viewed their record in the register")),
    EQUALITY_VIEWED: (_("View equality answers"), _("Viewed their equality answers")),
    PERSON_EXPORTED: (_("Export person"), _("Exported everything held about them")),
}


def register_audit_actions(actions):
    """For the ``register_log_actions`` hook: our actions, with the labels reports show."""
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
    # Registering the model makes the reports read it; nothing is an AccessLogEntry's
    # own subject, so this maps no real model's entries to it.
    actions.register_model(AccessLogEntry, AccessLogEntry)


def log(*, instance, action, user, data=None):
    # As wagtail.log_actions.log does, but always into the access log.
    context = get_active_log_context()
    return AccessLogEntry.objects.log_action(
        instance, action, user=user or context.user, uuid=context.uuid, data=data
    )


def log_person_viewed(person, user):
    log(instance=person, action=PERSON_VIEWED, user=user)


def log_equality_viewed(equality, user):
    # Against the answers' own record, whose label is a person number, never a name.
    log(instance=equality, action=EQUALITY_VIEWED, user=user)


def log_person_exported(person, user, *, equality_included, via):
    """``via``: "admin" or "command" (the command has no user)."""
    log(
        instance=person,
        action=PERSON_EXPORTED,
        user=user,
        data={"equality_included": equality_included, "via": via},
    )
