"""python manage.py forget_stale_imports

Removes uploads left more than a day in the admin's import (previews nobody confirmed,
background runs no worker finished) with the copy of the rows their preview kept. Every
new upload does this too; run it daily where uploads are rare.
"""

from django.core.management.base import BaseCommand

from importers.tasks import forget_stale_previews


class Command(BaseCommand):
    help = "Remove abandoned import uploads older than a day and their previews' rows."

    def handle(self, *args, **options):
        forgotten = forget_stale_previews()
        self.stdout.write(f"Forgot {forgotten} abandoned upload{'s' if forgotten != 1 else ''}.")
