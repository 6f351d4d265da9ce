"""Emails after a submission: the resident's confirmation and the officers' notice.

They are sent as background tasks after the database commits, so a slow or failing mail
server never loses a sign-up or keeps a resident waiting; a failure is logged by the task
backend. The officers' notice names the person and links to the register, nothing more.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from django_tasks import task

from .choices import SignUpStatus
from .models.submissions import RegisterSubmission, SignUp
from .signups import waiting_position

logger = logging.getLogger("involvement_forms.emails")


def _from_address(page):
    return page.from_address or settings.DEFAULT_FROM_EMAIL


def _admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(subject, body, to, page):
    send_mail(subject, body, _from_address(page), to, fail_silently=False)


def _signup_message(signup, page):
    """(subject, opening lines) for a resident's sign-up email."""
    if signup.status == SignUpStatus.PLACE:
        return f"You have a place: {page.title}", [f"You have a place for {page.title}."]
    return f"You are on the waiting list: {page.title}", [
        f"{page.title} is full at the moment, so you are on the waiting list.",
        f"You are number {waiting_position(signup)} on the list. We will email you if a place "
        "comes up.",
    ]


@task()
def send_signup_confirmation(signup_id, place_offered=False):
    signup = SignUp.objects.select_related("person").get(pk=signup_id)
    page = signup.page.specific
    if not signup.person.email:
        return
    if place_offered:
        subject = f"A place has come up for you: {page.title}"
        lines = [f"Someone has given up their place for {page.title}, so it is yours."]
    else:
        subject, lines = _signup_message(signup, page)
    if page.event_details():
        lines.append(page.event_details())
    if page.confirmation_email_text:
        lines.append(page.confirmation_email_text)
    lines.append(
        f"If you cannot come, or no longer want your place, cancel here:\n{page.cancel_url(signup)}"
    )
    lines.append(page.contact_line())
    body = "\n\n".join([f"Dear {signup.person.name},", *lines])
    _send(subject, body, [signup.person.email], page)


@task()
def send_register_confirmation(submission_id):
    submission = RegisterSubmission.objects.select_related("person").get(pk=submission_id)
    page = submission.page.specific
    if not submission.person.email:
        return
    lines = [
        f"Dear {submission.person.name},",
        "Thank you for joining. You are now on our list of residents who want to get "
        "involved, and we will be in touch about the things you told us you are interested in.",
    ]
    if page.confirmation_email_text:
        lines.append(page.confirmation_email_text)
    lines.append(page.contact_line())
    _send(
        f"Thank you for joining: {page.title}", "\n\n".join(lines), [submission.person.email], page
    )


@task()
def notify_officers(model_name, submission_id):
    model = SignUp if model_name == "signup" else RegisterSubmission
    submission = model.objects.select_related("person").get(pk=submission_id)
    page = submission.page.specific
    addresses = [a.strip() for a in page.to_address.split(",") if a.strip()]
    if not addresses:
        return
    what = submission.get_status_display().lower() if model is SignUp else "joined the register"
    person_url = _admin_url(reverse("involvement_register:inspect", args=[submission.person_id]))
    body = "\n\n".join(
        [
            f"{submission.person.name}: {what} through “{page.title}”.",
            f"Their details are on the involvement register:\n{person_url}",
        ]
    )
    _send(page.subject or f"New: {page.title}", body, addresses, page)
