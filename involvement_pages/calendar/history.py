"""Training courses a person came to, for their page in the register.

A course is an event of the kind "Training course" that takes bookings with a sign-up form;
coming to it is the tick an officer gives that sign-up (``SignUp.attended_on``), so the
course is never recorded a second time here.
"""

from django.utils.translation import gettext_lazy as _

from .choices import EventKind
from .models import EventPage


def training_section(person, request):
    training = EventPage.objects.filter(kind=EventKind.TRAINING)
    came = list(
        person.sign_ups.filter(
            attended_on__isnull=False, page_id__in=training.values("sign_up_page_id")
        )
        .select_related("page")
        .order_by("-attended_on", "pk")
    )
    if not came:
        return None
    courses = {
        e.sign_up_page_id: e
        for e in training.filter(sign_up_page_id__in={s.page_id for s in came}).only(
            "pk", "title", "sign_up_page_id"
        )
    }
    return {
        "title": _("Training courses attended"),
        "template": "involvement_calendar/admin/training_history.html",
        "context": {"courses": [(courses.get(s.page_id), s) for s in came]},
    }
