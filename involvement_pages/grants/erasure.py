"""Grant applications when a person is erased: each keeps its number, amounts and decision,
with "Erased person" as the person applying; one still being decided must be decided first."""

from django.utils.translation import gettext, ngettext

from forms.erasure import ErasurePart

from .models import ApplicationStatus, GrantApplication, GrantApplicationSubmission

UNDER_DECISION = (ApplicationStatus.RECEIVED, ApplicationStatus.ELIGIBLE)


def grants_erasure(person):
    applications = GrantApplication.objects.filter(applicant_person=person)
    total = applications.count()
    online = GrantApplicationSubmission.objects.filter(person=person)
    has_online = online.exists()
    if not (total or has_online):
        return None
    kept = []
    if total:
        kept.append(
            ngettext(
                "%(count)s grant application (fund, project, amounts and decision)",
                "%(count)s grant applications (funds, projects, amounts and decisions)",
                total,
            )
            % {"count": total}
        )
    refusals = []
    deciding = applications.filter(status__in=UNDER_DECISION).count()
    if deciding:
        refusals.append(
            ngettext(
                "%(count)s grant application is still being decided. Decide it first: the "
                "panel may need to contact them.",
                "%(count)s grant applications are still being decided. Decide them first: "
                "the panel may need to contact them.",
                deciding,
            )
            % {"count": deciding}
        )
    erased = [gettext("Their answers on online grant application forms")] if has_online else []
    erased.append(gettext("Their name in the descriptions and notes of their applications"))

    def erase(person, traces):
        online.update(form_data={})
        for application in applications:
            GrantApplication.objects.filter(pk=application.pk).update(
                description=traces.scrub(application.description),
                notes=traces.scrub(application.notes),
                outcome_evaluation=traces.scrub(application.outcome_evaluation),
            )

    return ErasurePart(kept=kept, erased=erased, refusals=refusals, erase=erase)
