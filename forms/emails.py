"""Emails after a submission: the resident's confirmation and the officers' notice.

Each email is a template pair under ``involvement_forms/emails/``: ``<name>_subject.txt``
and ``<name>.txt``, with ``<name>.html`` sent as the HTML version when a host adds one. A
host rewords an email by putting its own template at the same path.

They are sent by one background task after the database commits, so a slow or failing
mail server never loses a sign-up; a failure is logged by the task backend. The officers'
notice names the person and links to the register, nothing more.
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Page

from django_tasks import task

from involvement_pages.links import admin_url
from involvement_pages.site_settings import ContactDetails

from .choices import SignUpStatus
from .models.submissions import RegisterSubmission, SignUp
from .signups import waiting_position

TEMPLATE_DIR = "involvement_forms/emails"


def send_email(name, context, *, sender, to):
    """Render the email called ``name`` and send it; its subject is always one line."""
    subject = render_to_string(f"{TEMPLATE_DIR}/{name}_subject.txt", context)
    body = render_to_string(f"{TEMPLATE_DIR}/{name}.txt", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, sender, to)
    try:
        html = render_to_string(f"{TEMPLATE_DIR}/{name}.html", context)
    except TemplateDoesNotExist:
        pass
    else:
        message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)


def resident_email_name(submission, place_offered):
    if isinstance(submission, RegisterSubmission):
        return "welcome"
    if place_offered:
        return "place_offered"
    return "waiting_list" if submission.status == SignUpStatus.WAITING else "place"


def officers_email_name(submission, place_offered, left):
    if left:
        return "officers_left"
    if isinstance(submission, RegisterSubmission):
        return "officers_joined"
    if place_offered:
        return "officers_place_offered"
    return {
        SignUpStatus.PLACE: "officers_place",
        SignUpStatus.WAITING: "officers_waiting_list",
        SignUpStatus.CANCELLED: "officers_cancelled",
    }[submission.status]


def email_context(submission, page, origin=None):
    context = {
        "page": page,
        "person": submission.person,
        "submission": submission,
        "contact": ContactDetails.for_page(page),
        "event_details": page.event_details(),
        "leave_url": page.leave_url(submission, origin=origin),
        "withdraw_equality_url": page.withdraw_equality_url(submission, origin=origin),
    }
    if isinstance(submission, SignUp):
        context["cancel_url"] = page.cancel_url(submission, origin=origin)
        if submission.status == SignUpStatus.WAITING:
            context["waiting_position"] = waiting_position(submission)
    return context


@task()
def send_submission_emails(
    kind, submission_id, *, resident=True, place_offered=False, left=False, origin=None
):
    """Email the resident (when they gave an address) and the page's officers.

    ``left``: the person has just left the register by the link in their email.
    ``origin``: the scheme and host of the resident's request that caused the email, so its
    links go where they reached us; without it, the site's configured address."""
    model = SignUp if kind == "signup" else RegisterSubmission
    submission = model.objects.select_related("person", "page").get(pk=submission_id)
    page = submission.page.specific
    person = submission.person
    sender = page.from_address or settings.DEFAULT_FROM_EMAIL
    context = email_context(submission, page, origin)

    if resident and person.email:
        name = resident_email_name(submission, place_offered)
        send_email(name, context, sender=sender, to=[person.email])

    officers = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if officers:
        context["register_url"] = admin_url(
            reverse("involvement_register:inspect", args=[person.pk]), origin=origin
        )
        name = officers_email_name(submission, place_offered, left)
        send_email(name, context, sender=sender, to=officers)


def officers_addresses(page):
    """The form's officers' addresses; the site's contact address when the form names none."""
    officers = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not officers:
        contact_email = ContactDetails.for_page(page).email
        officers = [contact_email] if contact_email else []
    return officers


@task()
def send_equality_withdrawn_email(page_id, person_id, *, origin=None):
    """Tell the officers a person withdrew consent for their equality answers.

    By person number only, and never the answers: they are already deleted, and the notice
    may be read by staff outside the Equality data group."""
    page = Page.objects.get(pk=page_id).specific
    officers = officers_addresses(page)
    if not officers:
        return
    sender = page.from_address or settings.DEFAULT_FROM_EMAIL
    context = {"page": page, "person_number": person_id}
    send_email("officers_equality_withdrawn", context, sender=sender, to=officers)


def offer_places_on_commit(promoted, origin=None):
    """Once the change is saved, tell each person just moved up from the waiting list.

    ``origin`` as for ``send_submission_emails``: given only for a resident's request."""
    for signup in promoted:
        transaction.on_commit(
            partial(
                send_submission_emails.enqueue,
                "signup",
                signup.pk,
                place_offered=True,
                origin=origin,
            )
        )
