"""Import copies past their retention period: each run forgets its stored file and the
copy of the rows and column samples its preview kept; the run's summary (counts, problems
by line and column, who and when) stays in the import history."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forms.retention import Outcome, RetentionRule

from .models import ImportRun


def holding_copies(cutoff):
    return ImportRun.objects.filter(started_at__lt=cutoff).filter(
        ~Q(pending_token="") | Q(report__has_key="rows") | Q(report__has_key="samples")
    )


def strip_import_copies(cutoff, dry_run):
    outcome = Outcome(_("Import copies"), "")
    runs = holding_copies(cutoff)
    if dry_run:
        outcome.removed = runs.count()
    else:
        fields = ("pk", "outcome", "pending_token", "report")
        outcome.removed = sum(run.expire() for run in runs.only(*fields))
    return outcome


def import_copy_rules():
    return [RetentionRule(_("Import copies"), "import_copies_days", "days", strip_import_copies)]
