"""Consultation responses when a person is erased: the answers stay (they count in the
results); the name and contact they gave, and any trace of them in the answers, go.

Responses are not linked to the register, so they are found by the contact details given
(or the name, where no contact was given)."""

from django.db.models import Q
from django.utils.translation import ngettext

from forms.erasure import ErasurePart

from .models import ConsultationResponse


def their_responses(person):
    contacts = (person.email, person.phone, person.mobile, person.landline)
    condition = Q(pk__in=[])
    for contact in filter(None, contacts):
        condition |= Q(respondent_contact__iexact=contact.strip())
    if person.name.strip():
        condition |= Q(respondent_contact="", respondent_name__iexact=person.name.strip())
    return ConsultationResponse.objects.filter(condition)


def consultations_erasure(person):
    responses = list(their_responses(person))
    if not responses:
        return None
    count = len(responses)

    def erase(person, traces):
        for response in responses:
            ConsultationResponse.objects.filter(pk=response.pk).update(
                respondent_name="",
                respondent_contact="",
                form_data=traces.scrub(response.form_data),
            )

    return ErasurePart(
        erased=[
            ngettext(
                "The name and contact they gave with %(count)s consultation response",
                "The name and contact they gave with %(count)s consultation responses",
                count,
            )
            % {"count": count}
        ],
        kept=[
            ngettext(
                "Their answers to %(count)s consultation, with no name",
                "Their answers to %(count)s consultations, with no name",
                count,
            )
            % {"count": count}
        ],
        erase=erase,
    )
