"""Consultation answers a person gave with their name and contact, for subject access.

Responses are anonymous unless the resident chose to leave a contact; only those whose
contact is this person's email or one of their numbers, as held on the register, are theirs.
"""

from django.db.models import Q
from django.utils.translation import gettext

from forms.subject_access import DataSection

from .models import ConsultationResponse


def responses_data(person):
    numbers = [n for n in (person.phone, person.mobile, person.landline) if n]
    mine = Q(respondent_contact__in=numbers) if numbers else Q()
    if person.email:
        mine |= Q(respondent_contact__iexact=person.email)
    rows = []
    if mine:
        responses = (
            ConsultationResponse.objects.filter(mine)
            .exclude(respondent_contact="")
            .select_related("page")
            .order_by("submit_time", "pk")
        )
        rows = [
            {
                gettext("Consultation"): response.page.title,
                gettext("Sent"): response.submit_time,
                gettext("Name given"): response.respondent_name,
                gettext("Email or phone given"): response.respondent_contact,
                gettext("Answers"): response.form_data,
            }
            for response in responses
        ]
    return [
        DataSection(
            "consultation-responses",
            gettext("Consultation responses"),
            gettext(
                "Answers to consultations where they left their name and an email or phone "
                "number we hold for them. Anonymous answers cannot be linked to anyone."
            ),
            rows,
        )
    ]
