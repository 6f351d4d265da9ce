"""A person's panel seats and meetings when they are erased: kept, under "Erased person"."""

from django.utils.translation import ngettext

from forms.erasure import ErasurePart

from .models import Meeting, Membership


def panels_erasure(person):
    memberships = Membership.objects.filter(person=person).count()
    meetings = Meeting.objects.filter(attendees=person).count()
    if not (memberships or meetings):
        return None
    kept = []
    if memberships:
        kept.append(
            ngettext(
                "%(count)s panel membership (panel, role and dates)",
                "%(count)s panel memberships (panels, roles and dates)",
                memberships,
            )
            % {"count": memberships}
        )
    if meetings:
        kept.append(
            ngettext(
                "Came to %(count)s panel meeting",
                "Came to %(count)s panel meetings",
                meetings,
            )
            % {"count": meetings}
        )
    return ErasurePart(kept=kept)
