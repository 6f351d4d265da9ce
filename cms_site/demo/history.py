"""Demo attendance and online grant applications, so people's pages have a history to show.

Panel meetings already record who came (``panels.py``). Here: a Talent School course in
Stockton earlier this year takes bookings with its own form, and most of those booked are
marked as coming to a session that has happened; and a few residents apply for grants
through the online form, so officers find them "received" in the applications list.
Running it again adds nothing.
"""

from decimal import Decimal

from django.utils import timezone

from forms.choices import SignUpStatus
from forms.models import Person, SignUp, SignUpFormPage
from involvement_pages.calendar.models import EventOccurrence, EventPage
from involvement_pages.grants.models import (
    ApplicationStatus,
    GrantApplication,
    GrantApplicationFormPage,
    GrantApplicationSubmission,
    GrantFund,
)
from involvement_pages.models import InvolvementMenuPage
from involvement_pages.panels.models import Panel

from .register import CONTACT, OFFICERS, PRIVACY_URL
from .site import ensure_child

COURSE_FORM = "talent-school-stockton"
COURSE_PLACES = 12
COURSE_CAME = 9  # of the 12 who booked, 9 came: the rest are left unmarked
# (fund, project, group or "" for a resident on their own, amount, what it pays for)
ONLINE_APPLICATIONS = [
    (
        "community-chest-and-opportunity-funds",
        "Seeds and compost for the communal beds",
        "Laburnum Road Residents' Association",
        "350",
        "Spring planting in the three communal beds, with a session for children.",
    ),
    (
        "community-engagement-fund",
        "Chair-based exercise for older residents",
        "Elm Court Tenants' and Residents' Association",
        "2400",
        "A weekly class in the community room for a year, with a qualified instructor.",
    ),
    (
        "diverse-community-fund",
        "English conversation club",
        "",
        "800",
        "Fortnightly conversation sessions for residents who are new to English.",
    ),
]


def load_history(stdout=None):
    came = ensure_course_attendance()
    applied = ensure_online_applications()
    if stdout:
        stdout.write(
            f"Attendance and history: {came} marked as coming to Talent School, "
            f"{applied} online grant applications added."
        )


def demo_people():
    return list(Person.objects.filter(phone__startswith="07700900").order_by("phone"))


def ensure_course_attendance():
    """Bookings for this year's Stockton Talent School, most marked as coming to a past session."""
    today = timezone.localdate()
    event = EventPage.objects.filter(slug=f"talent-school-stockton-{today.year}").first()
    menu = InvolvementMenuPage.objects.first()
    if event is None or menu is None:
        return 0
    past = (
        EventOccurrence.objects.filter(event=event, end__lt=timezone.now())
        .order_by("-start")
        .first()
    )
    if past is None:
        return 0  # early in the year no session has happened yet
    form, created = ensure_child(
        menu,
        SignUpFormPage,
        slug=COURSE_FORM,
        title="Book a place at Talent School in Stockton",
        capacity=16,
        waiting_list=True,
        privacy_notice_url=PRIVACY_URL,
        contact_details=CONTACT,
        to_address=OFFICERS,
    )
    if created or event.sign_up_page_id is None:
        event.sign_up_page, event.capacity = form, None
        event.save_revision().publish()
    people = demo_people()[20 : 20 + COURSE_PLACES]
    marked = 0
    for n, person in enumerate(people):
        signup = SignUp.objects.filter(page=form, person=person).first()
        if signup is None:
            signup = SignUp.objects.create(
                page=form, person=person, status=SignUpStatus.PLACE, form_data={}
            )
        if n < COURSE_CAME and signup.attended_on is None:
            signup.attended_on = timezone.localtime(past.start).date()
            signup.save(update_fields=["attended_on"])
            marked += 1
    return marked


def ensure_online_applications():
    people = demo_people()
    added = 0
    for n, (slug, project, group, amount, description) in enumerate(ONLINE_APPLICATIONS):
        fund = GrantFund.objects.filter(slug=slug).first()
        form = (
            GrantApplicationFormPage.objects.filter(pk=fund.application_form_id).first()
            if fund
            else None
        )
        grant_round = fund.open_round() if fund else None
        if form is None or grant_round is None or len(people) <= n:
            continue
        if GrantApplication.objects.filter(fund=fund, project=project).exists():
            continue
        person = people[40 + n] if len(people) > 40 + n else people[n]
        application = GrantApplication.objects.create(
            fund=fund,
            round=grant_round,
            applicant_group=Panel.objects.filter(name=group).first() if group else None,
            applicant_name=group,
            applicant_person=person,
            project=project,
            description=description,
            amount_requested=Decimal(amount),
            status=ApplicationStatus.RECEIVED,
        )
        GrantApplicationSubmission.objects.create(
            page=form,
            person=person,
            application=application,
            form_data={"how_many_residents_will_take_part": str(12 + 6 * n)},
        )
        added += 1
    return added
