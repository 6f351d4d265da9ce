"""Remove personal data whose retention period has passed (see forms/retention.py)."""

from django.core.management.base import BaseCommand

from forms.retention import apply_retention, summary


class Command(BaseCommand):
    help = (
        "Remove personal data older than the periods in INVOLVEMENT_RETENTION. With "
        "--dry-run, count what would go, by kind, without removing or naming anyone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; remove nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        for line in summary(apply_retention(dry_run=dry_run), dry_run=dry_run):
            self.stdout.write(line)
