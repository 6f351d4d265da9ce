"""``manage.py export_person <reference or email> [--output FILE]``: a subject access zip.

For whoever runs the server, so it holds everything, equality answers included.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forms.subject_access_views import export_person, people_referred_to

NOT_FOUND = 2


class Command(BaseCommand):
    help = "Export everything held about one person as a zip of JSON and CSV with an index."

    def add_arguments(self, parser):
        parser.add_argument("person", help="Their legacy reference, ID-<number>, or email.")
        parser.add_argument("--output", help="Where to write the zip (default: its own name).")

    def handle(self, *args, person, output=None, **options):
        people = people_referred_to(person)
        if not people:
            raise CommandError(
                f"Nobody on the register has the reference or email {person!r}.",
                returncode=NOT_FOUND,
            )
        if len(people) > 1:
            numbers = ", ".join(f"ID-{p.pk}" for p in people)
            raise CommandError(
                f"{person!r} could mean more than one person ({numbers}). "
                "Run again with one of those references.",
                returncode=NOT_FOUND,
            )
        filename, content = export_person(people[0], None, include_equality=True, via="command")
        path = Path(output or filename)
        path.write_bytes(content)
        self.stdout.write(f"Wrote {path}")
