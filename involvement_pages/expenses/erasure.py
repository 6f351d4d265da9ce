"""Expense claims when a person is erased: kept for the money paid, and refused while the
landlord still owes them money (the payment needs their details)."""

from django.db.models import Sum
from django.utils.translation import gettext, ngettext

from forms.erasure import ErasurePart

from .models import ClaimStatus, ExpenseClaim, ExpenseLine

UNPAID = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)


def expenses_erasure(person):
    claims = ExpenseClaim.objects.filter(person=person)
    total = claims.count()
    if not total:
        return None
    unpaid = claims.filter(status__in=UNPAID).count()
    paid = (
        ExpenseLine.objects.filter(claim__person=person, claim__status=ClaimStatus.PAID).aggregate(
            total=Sum("amount")
        )["total"]
        or 0
    )
    kept = [
        ngettext(
            "%(count)s expense claim, with £%(paid)s paid",
            "%(count)s expense claims, with £%(paid)s paid",
            total,
        )
        % {"count": total, "paid": f"{paid:,.2f}"}
    ]
    refusals = []
    if unpaid:
        refusals.append(
            ngettext(
                "%(count)s expense claim is not paid yet. Pay or reject it first: paying it "
                "needs their details.",
                "%(count)s expense claims are not paid yet. Pay or reject them first: paying "
                "them needs their details.",
                unpaid,
            )
            % {"count": unpaid}
        )

    def erase(person, traces):
        for claim in claims.exclude(notes="", rejection_reason=""):
            claim.notes = traces.scrub(claim.notes)
            claim.rejection_reason = traces.scrub(claim.rejection_reason)
            ExpenseClaim.objects.filter(pk=claim.pk).update(
                notes=claim.notes, rejection_reason=claim.rejection_reason
            )

    return ErasurePart(
        kept=kept,
        erased=[gettext("Their name in officers' notes on their expense claims")],
        refusals=refusals,
        erase=erase,
    )
