"""Admin panels of the calendar's own: the repeating pattern in words beside its choices."""

from wagtail.admin.panels import Panel


class RepeatSummaryPanel(Panel):
    """The event's pattern in plain English and its next five dates, under the choices.

    It reads the summary from the event's form, which knows whether to describe the saved
    rule or the one just posted.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "involvement_calendar/admin/repeat_summary.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["summary"] = self.form.repeat_summary()
            return context
