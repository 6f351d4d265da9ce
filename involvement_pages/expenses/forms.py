"""The claim form in the admin: lines priced from the rates, and approval by someone else."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from .models import ClaimStatus, lines_problem

COST_FIELDS = {"option", "quantity", "DELETE"}


def costs_changed(lines):
    """Whether any line's support or quantity was changed, added or removed (not its order)."""
    return any(COST_FIELDS & set(form.changed_data) for form in lines.forms)


class ExpenseClaimForm(WagtailAdminModelForm):
    def _post_clean(self):
        super()._post_clean()
        status = self.cleaned_data.get("status")
        if not status or self.for_user is None:
            return
        try:
            self.instance.move_to(status, self.for_user)
        except ValidationError as error:
            self._update_errors(error)

    def is_valid(self):
        valid = super().is_valid()
        lines = self.formsets.get("lines")
        if lines is None or not valid:
            return valid
        before = self.instance.saved_status()
        if before not in (None, ClaimStatus.SUBMITTED) and costs_changed(lines):
            self.add_error(
                None,
                _(
                    "The costs of a claim that is approved, rejected or paid cannot change. "
                    "Submit a rejected claim again to put its costs right."
                ),
            )
            return False
        kept = [
            (form.cleaned_data["option"], form.cleaned_data["quantity"])
            for form in lines.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("option")
            and form.cleaned_data.get("quantity") is not None
        ]
        problem = lines_problem(kept)
        if problem:
            self.add_error(None, problem)
            return False
        return True

    def save(self, commit=True):
        if self.instance._state.adding and self.for_user is not None:
            self.instance.submitted_by = self.for_user
        return super().save(commit=commit)
