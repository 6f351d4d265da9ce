"""A person's seats and meetings for their subject access export (forms/subject_access.py)."""

from django.utils.translation import gettext

from forms.subject_access import DataSection


def panels_data(person):
    memberships = [
        {
            gettext("Panel or group"): str(m.panel),
            gettext("Role"): m.get_role_display(),
            gettext("Representing landlord"): str(m.representing_landlord or ""),
            gettext("Start date"): m.start_date,
            gettext("End date"): m.end_date,
        }
        for m in person.panel_memberships.select_related("panel", "representing_landlord").order_by(
            "start_date", "pk"
        )
    ]
    meetings = [
        {
            gettext("Panel or group"): str(meeting.panel),
            gettext("Date"): meeting.date,
            gettext("Link to the notes"): meeting.notes_link,
        }
        for meeting in person.panel_meetings.select_related("panel").order_by("date", "pk")
    ]
    return [
        DataSection(
            "panel-memberships",
            gettext("Panels and groups"),
            gettext("The panels and groups they sat on, in which role and for how long."),
            memberships,
        ),
        DataSection(
            "meetings-attended",
            gettext("Panel meetings attended"),
            gettext("The panel meetings they came to."),
            meetings,
        ),
    ]
