"""Emails after a submission: the resident's confirmation and the officers' notice.

They are sent by one background task after the database commits, so a slow or failing
mail server never loses a sign-up; a failure is logged by the task backend. The officers'
notice names the person and links to the register, nothing more.
"""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from django_tasks import task

from .choices import SignUpStatus
from .models.submissions import RegisterSubmission, SignUp
from .signups import waiting_position


def _send(page, subject, lines, to):
    sender = page.from_address or settings.DEFAULT_FROM_EMAIL
    send_mail(subject, "\n\n".join(lines), sender, to, fail_silently=False)


def _signup_email(signup, page, place_offered):
    """(subject, lines) for the resident's email about a sign-up."""
    if place_offered:
        subject = f"A place has come up for you: {page.title}"
        lines = [f"Someone has given up their place for {page.title}, so it is yours."]
    elif signup.status == SignUpStatus.PLACE:
        subject = f"You have a place: {page.title}"
        lines = [f"You have a place for {page.title}."]
    else:
        subject = f"You are on the waiting list: {page.title}"
        lines = [
            f"{page.title} is full at the moment, so you are on the waiting list.",
            f"You are number {waiting_position(signup)} on the list. We will email you if a "
            "place comes up.",
        ]
    if page.event_details():
        lines.append(page.event_details())
    if page.confirmation_email_text:
        lines.append(page.confirmation_email_text)
    lines.append(
        f"If you cannot come, or no longer want your place, cancel here:\n{page.cancel_url(signup)}"
    )
    lines.append(
        "If you do not want us to contact you about other ways to get involved, you can leave "
        f"our list here:\n{page.leave_url(signup)}"
    )
    return subject, lines


def _register_email(submission, page):
    lines = [
        "Thank you for joining. You are now on our list of residents who want to get "
        "involved, and we will be in touch about the things you told us you are interested in."
    ]
    if page.confirmation_email_text:
        lines.append(page.confirmation_email_text)
    lines.append(
        "If you no longer want to be on our list, you can leave it here at any time:\n"
        f"{page.leave_url(submission)}"
    )
    return f"Thank you for joining: {page.title}", lines


@task()
def send_submission_emails(kind, submission_id, *, resident=True, place_offered=False, left=False):
    """Email the resident (when they gave an address) and the page's officers.

    ``left``: the person has just left the register by the link in their email."""
    model = SignUp if kind == "signup" else RegisterSubmission
    submission = model.objects.select_related("person", "page").get(pk=submission_id)
    page = submission.page.specific
    person = submission.person

    if resident and person.email:
        if model is SignUp:
            subject, lines = _signup_email(submission, page, place_offered)
        else:
            subject, lines = _register_email(submission, page)
        _send(page, subject, [f"Dear {person.name},", *lines, page.contact_line()], [person.email])

    officers = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if officers:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "involvement_register:inspect", args=[person.pk]
        )
        if left:
            subject = f"Left the register: {page.title}"
            news = (
                f"{person.name} has left the involvement register by the link in their "
                "email. They are now marked inactive and their equality answers are deleted."
            )
        else:
            subject = page.subject or f"New: {page.title}"
            what = submission.get_status_display().lower() if model is SignUp else "joined"
            news = f"{person.name}: {what} through “{page.title}”."
        lines = [news, f"Their details are on the involvement register:\n{link}"]
        _send(page, subject, lines, officers)


def offer_places_on_commit(promoted):
    """Once the change is saved, tell each person just moved up from the waiting list."""
    for signup in promoted:
        transaction.on_commit(
            partial(send_submission_emails.enqueue, "signup", signup.pk, place_offered=True)
        )
