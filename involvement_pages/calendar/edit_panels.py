"""Admin panels of the calendar's own: the repeating pattern in words beside its choices."""

import json

from django.forms import Media

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from . import patterns
from .forms import ADVANCED, ON_DATE, ON_WEEKDAY

REPEATING = [patterns.DAILY, patterns.WEEKLY, patterns.MONTHLY, patterns.YEARLY]


def shown_when(**conditions):
    """Panel attributes that let the editor's script hide a choice that does not apply."""
    return {"data-repeat-when": json.dumps(conditions)}


class RepeatSummaryPanel(Panel):
    """The event's pattern in plain English and its next five dates, under the choices.

    It reads the summary from the event's form, which knows whether to describe the saved
    rule or the one just posted.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "involvement_calendar/admin/repeat_summary.html"

        @property
        def media(self):
            return Media(js=["involvement_calendar/js/repeat-choices.js"])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["summary"] = self.form.repeat_summary()
            return context


class AdvancedRulePanel(MultiFieldPanel):
    """Folded away, unless the event's repetition is the rule written inside it."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def classes(self):
            classes = super().classes()
            if self.form is not None and self.form["repeat_frequency"].value() == ADVANCED:
                return [name for name in classes if name != "collapsed"]
            return classes


def repeat_panels(heading):
    """The choices for how an event repeats, with the pattern in words beneath them."""
    return [
        FieldPanel("repeat_frequency"),
        FieldPanel("repeat_interval", attrs=shown_when(repeat_frequency=REPEATING)),
        FieldPanel("repeat_weekdays", attrs=shown_when(repeat_frequency=[patterns.WEEKLY])),
        FieldPanel("repeat_monthly_by", attrs=shown_when(repeat_frequency=[patterns.MONTHLY])),
        FieldPanel(
            "repeat_month_day",
            attrs=shown_when(repeat_frequency=[patterns.MONTHLY], repeat_monthly_by=[ON_DATE]),
        ),
        FieldRowPanel(
            [FieldPanel("repeat_week_ordinal"), FieldPanel("repeat_weekday")],
            attrs=shown_when(repeat_frequency=[patterns.MONTHLY], repeat_monthly_by=[ON_WEEKDAY]),
        ),
        FieldPanel("repeat_ends", attrs=shown_when(repeat_frequency=REPEATING)),
        FieldPanel(
            "repeat_until",
            attrs=shown_when(repeat_frequency=REPEATING, repeat_ends=[patterns.UNTIL]),
        ),
        FieldPanel(
            "repeat_count",
            attrs=shown_when(repeat_frequency=REPEATING, repeat_ends=[patterns.COUNT]),
        ),
        RepeatSummaryPanel(heading=heading),
    ]
