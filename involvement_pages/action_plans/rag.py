"""Red, amber or green for one action, computed from its dates and progress, never typed.

The rule, also in docs/officers.md ("Action plans"):

- **Green, done**: the action is 100% done, whatever the dates.
- **Not started** (no colour): today is before the plan starts.
- **No target date** (no colour): the action has no target date, so nothing to be behind.
- **Red, past target**: the target date has passed and the action is not done. On the
  target date itself the action is not yet late.
- **Green, on track**: the percent done is at least the share of the time gone between
  the plan's start and the action's target date (a quarter of the time gone needs 25%).
- **Amber, behind**: less done than that, but the target date has not passed.

This module imports no models, so the rule can be tested as a table of plain values.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"

# The counts on a plan's page, in the order people read them.
COLOURS = (
    (RED, _("Red")),
    (AMBER, _("Amber")),
    (GREEN, _("Green")),
    (NONE, _("Not rated")),
)


@dataclass(frozen=True)
class Rag:
    colour: str  # GREEN, AMBER, RED or NONE
    code: str  # done, on_track, behind, past_target, not_started, no_target
    label: str  # what the page says, so the colour is never the only sign

    @property
    def colour_label(self):
        return dict(COLOURS)[self.colour]


DONE = Rag(GREEN, "done", _("Done"))
ON_TRACK = Rag(GREEN, "on_track", _("On track"))
BEHIND = Rag(AMBER, "behind", _("Behind"))
PAST_TARGET = Rag(RED, "past_target", _("Past target date"))
NOT_STARTED = Rag(NONE, "not_started", _("Not started"))
NO_TARGET = Rag(NONE, "no_target", _("No target date"))


def rag_status(
    *,
    plan_start: datetime.date,
    target: datetime.date | None,
    percent_done: int,
    today: datetime.date,
) -> Rag:
    """The RAG status of one action on ``today`` (see the module's docstring for the rule)."""
    if percent_done >= 100:
        return DONE
    if plan_start and today < plan_start:
        return NOT_STARTED
    if target is None:
        return NO_TARGET
    if today > target:
        return PAST_TARGET
    if plan_start is None or target <= plan_start:
        # No span to share out (a target on the start day): only done is on track.
        return BEHIND
    # Whole numbers only: percent_done / 100 >= elapsed / span, without rounding.
    elapsed = (today - plan_start).days
    span = (target - plan_start).days
    return ON_TRACK if percent_done * span >= 100 * elapsed else BEHIND
