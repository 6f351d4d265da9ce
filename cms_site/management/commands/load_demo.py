from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cms_site.demo import annual_report as demo_annual_report
from cms_site.demo import calendar as demo_calendar
from cms_site.demo import consultations as demo_consultations
from cms_site.demo import dashboard as demo_dashboard
from cms_site.demo import history as demo_history
from cms_site.demo import money as demo_money
from cms_site.demo import outcomes as demo_outcomes
from cms_site.demo import panels as demo_panels
from cms_site.demo import register as forms_demo
from cms_site.demo import reviews as demo_reviews
from cms_site.demo import site as demo
from involvement_pages.groups import setup_groups

DEMO_ADMIN = ("admin", "involvement-demo")


class Command(BaseCommand):
    help = "Build the demo landlord group's site. Safe to run again: it only adds what is missing."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.load_menu(self.stdout)
            forms_demo.load_demo(self.stdout)
            demo_calendar.load_calendar(self.stdout)
            demo_panels.load_panels(self.stdout)
            demo_reviews.load_reviews(self.stdout)
            demo_consultations.load_consultations(self.stdout)
            # After the reviews and consultations: some changes came from them.
            demo_outcomes.load_outcomes(self.stdout)
            demo_history.load_history(self.stdout)
            demo_dashboard.load_dashboard(self.stdout)
            # As a host would after adding its menu and calendar pages.
            if setup_groups():
                self.stdout.write(
                    "Staff groups set up: editors, involvement officers and equality data."
                )
            admin = self.ensure_admin()
            # After the admin exists: the demo's approved claims were approved by that account.
            demo_money.load_money(approver=admin, stdout=self.stdout)
            # Last: its figures are counted from everything above.
            demo_annual_report.load_annual_report(self.stdout)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo site ready at http://127.0.0.1:8000/"))

    def ensure_admin(self):
        username, password = DEMO_ADMIN
        User = get_user_model()
        admin = User.objects.filter(username=username).first()
        if admin is None:
            admin = User.objects.create_superuser(username, "admin@thirteen.example", password)
            self.stdout.write(f"Demo admin login: {username} / {password}")
        return admin
