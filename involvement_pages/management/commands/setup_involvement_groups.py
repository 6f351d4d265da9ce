from django.core.management.base import BaseCommand
from django.db import transaction

from involvement_pages.groups import editor_pages, setup_groups
from involvement_pages.roles import EDITORS


class Command(BaseCommand):
    help = (
        "Create the staff groups (Communications editors, Involvement officers, Equality "
        "data) with what each role needs. Safe to run again: it only adds what is missing. "
        "Run it after adding the menu and calendar pages, so editors get rights on them."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changes = setup_groups()
        for line in changes:
            self.stdout.write(line)
        if not changes:
            self.stdout.write("Nothing to change: the groups already have what they need.")
        if not editor_pages():
            self.stdout.write(
                f"No menu or calendar page yet, so '{EDITORS}' have no page rights. "
                "Add those pages, then run this command again."
            )
