"""Grant funds, their rounds, and applications with their decisions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from involvement_pages.grants.models import GrantApplication, GrantFund, GrantRound
from involvement_pages.panels.models import Panel

from .. import values
from ..columns import Column
from ..widgets import NamedObjectWidget, PersonWidget
from .panels import REFERENCE, OneByOne, SluggedMixin


class GrantFundResource(SluggedMixin, OneByOne):
    name = "funds"
    record_words = ("fund",)
    label = _("Grant funds")
    description = _("One row a fund: what it pays for and who decides.")
    columns = [
        REFERENCE,
        Column("name", "Name", ("Fund", "Fund name"), required=True),
        Column("description", "Description"),
        Column("criteria", "Criteria", ("Eligibility",)),
        Column("budget_period", "Budget period", ("Period",)),
        Column("deciding_panel", "Deciding panel", ("Panel", "Decided by")),
        Column("carry_over", "Carry over", ("Unspent carries over",)),
        Column("accepting_applications", "Accepting applications", ("Open",)),
        Column("slug", "Slug"),
    ]

    class Meta(OneByOne.Meta):
        model = GrantFund


class GrantRoundResource(OneByOne):
    name = "rounds"
    record_words = ("round",)
    label = _("Grant rounds and yearly budgets")
    description = _("One row a round (or a year) of a fund, with its dates and budget.")
    columns = [
        REFERENCE,
        Column("fund", "Fund", ("Fund name",), required=True),
        Column("name", "Name", ("Round",), required=True),
        Column("opens", "Opens", ("Open date", "Start"), required=True),
        Column("closes", "Closes", ("Close date", "End")),
        Column("budget", "Budget", ("Amount",), required=True),
    ]

    class Meta(OneByOne.Meta):
        model = GrantRound


class GrantApplicationResource(OneByOne):
    name = "applications"
    record_words = ("application",)
    label = _("Grant applications and decisions")
    description = _("One row an application, at whatever stage it has reached.")
    columns = [
        REFERENCE,
        Column("fund", "Fund", ("Fund name",), required=True),
        Column("round", "Round"),
        Column("received_on", "Date received", ("Received",)),
        Column("applicant_group", "Applicant group", ("Group", "Group name")),
        Column(
            "applicant_name", "Applicant name", ("Applicant", "Organisation", "Organisation name")
        ),
        Column(
            "applicant_person",
            "Applicant person reference",
            ("Person reference", "Applicant ref", "Applicant ID"),
        ),
        Column("project", "Project", ("Project name", "Title"), required=True),
        Column("description", "Description", ("What for",)),
        Column(
            "amount_requested", "Amount requested", ("Requested", "Amount asked"), required=True
        ),
        Column("status", "Status"),
        Column("amount_awarded", "Amount awarded", ("Awarded", "Grant")),
        Column("decision_date", "Decision date", ("Decided",)),
        Column("deciding_panel", "Deciding panel", ("Panel",)),
        Column("outcome_evaluation", "Outcome evaluation", ("Evaluation",)),
        Column("published", "Published", ("Publish",)),
    ]
    field_widgets = {
        "applicant_person": PersonWidget,
        "applicant_group": lambda: NamedObjectWidget(Panel),
        "deciding_panel": lambda: NamedObjectWidget(Panel),
    }

    class Meta(OneByOne.Meta):
        model = GrantApplication

    def widget_for(self, column):
        if column.field == "round":
            return _RoundName()
        return super().widget_for(column)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute != "round":
            return super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        name = field.clean(row)
        if not name:
            instance.round = None
            return None
        if instance.fund_id is None:
            return None  # the fund column reports its own problem
        instance.round = GrantRound.objects.filter(
            fund_id=instance.fund_id, name__iexact=name
        ).first()
        if instance.round is None:
            rounds = ", ".join(
                f"'{r}'" for r in instance.fund.rounds.values_list("name", flat=True)
            )
            raise ValueError(
                gettext("%(fund)s has no round called '%(name)s'. Its rounds: %(rounds)s.")
                % {"fund": instance.fund, "name": name, "rounds": rounds}
            )
        return None


class _RoundName(NamedObjectWidget):
    """A round by its name within the row's fund (resolved in the resource)."""

    def __init__(self):
        super().__init__(GrantRound)

    def clean(self, value, row=None, **kwargs):
        return values.text(value)


__all__ = ["GrantApplicationResource", "GrantFundResource", "GrantRoundResource", "ValidationError"]
