"""List columns shared by every Involvement list in the admin."""

from django.utils.formats import date_format

from wagtail.admin.ui.tables import Column


class DayColumn(Column):
    """A calendar date shown as a date, like "14 Apr 2027".

    Wagtail's ``DateColumn`` is for moments: it treats a date as midnight UTC and shows the
    time since, so a review due in April reads "Just now" and someone who joined today
    "13 hours ago".
    """

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "j M Y") if value else ""
