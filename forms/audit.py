"""Who looked at or took away a resident's data, in Wagtail's own log entries.

Each action is logged against the record it concerns (a person, or their equality answers
under their person number), so Wagtail's site history report lists it for administrators.
An entry holds who, when and what was done, never the equality answers themselves.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

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
