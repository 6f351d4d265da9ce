"""Telling residents how their views were considered: an email when an outcome is published.

Who took part, for each place an outcome can come from:

- a consultation: everyone who left an email address with their answers. The page asks
  for contact details only to tell people what happens next, so leaving an address is
  agreeing to that email; nobody who left it anonymous can be found, or is.
- a scrutiny review: the members of the panel that carried it out, while it ran.
- a panel (a group's decision): its members on the day of the change.

People on the register are emailed only when email is their preferred way to be
contacted, they have not left the register and have not asked to be forgotten. Anyone
who left the register is not emailed even about a consultation they answered.
Each address hears once per outcome (``OutcomeNotice``), however often it is saved.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.template.loader import render_to_string

from django_tasks import task

from forms.choices import ContactMethod
from forms.models import Person, RegisterSubmission, SignUp
from involvement_pages.consultations.models import ConsultationResponse
from involvement_pages.links import absolute_url
from involvement_pages.panels.models import Membership
from involvement_pages.site_settings import ContactDetails

from .models import Outcome, OutcomeNotice, address_key, outcomes_page

logger = logging.getLogger(__name__)
TEMPLATE_DIR = "involvement_outcomes/emails"


@dataclass(frozen=True)
class Resident:
    address: str
    name: str = ""
    person: Person | None = None


def contactable(people):
    """The people among ``people`` who asked to be contacted by email and still may be."""
    return people.filter(
        contact_method=ContactMethod.EMAIL, is_active=True, erased_at__isnull=True
    ).exclude(email="")


def members_between(panel, start, end):
    memberships = Membership.objects.filter(panel=panel).overlapping(start, end)
    return contactable(Person.objects.filter(pk__in=memberships.values("person")))


def consultation_addresses(consultation):
    """{lower-cased address: the address as first given} of those who left one."""
    addresses = {}
    contacts = (
        ConsultationResponse.objects.filter(page=consultation)
        .exclude(respondent_contact="")
        .order_by("submit_time", "pk")
        .values_list("respondent_contact", flat=True)
    )
    for contact in contacts:
        try:
            validate_email(contact.strip())
        except ValidationError:
            continue  # a phone number: not a way to send an email
        addresses.setdefault(contact.strip().lower(), contact.strip())
    return addresses


def who_took_part(outcome):
    """[Resident] to tell about ``outcome``, one per address (see the module)."""
    people = Person.objects.none()
    if outcome.review_id and outcome.review.panel_id:
        review = outcome.review
        start = review.started_on or outcome.date
        people |= members_between(review.panel, start, review.ended_on or outcome.date)
    if outcome.panel_id:
        people |= members_between(outcome.panel, outcome.date, outcome.date)
    found = {person.email.lower(): Resident(person.email, person.name, person) for person in people}
    if outcome.consultation_id:
        answered = consultation_addresses(outcome.consultation)
        # Someone who has since left the register, or asked to be forgotten, hears nothing.
        stopped = {
            email.lower()
            for email in Person.objects.filter(
                Q(is_active=False) | Q(erased_at__isnull=False)
            ).values_list("email", flat=True)
            if email
        }
        for key, address in answered.items():
            if key not in found and key not in stopped:
                found[key] = Resident(address)
    return list(found.values())


def stop_links(person):
    """(leave link, equality withdrawal link) from the form they last used, or ("", "")."""
    if person is None:
        return "", ""
    for model in (RegisterSubmission, SignUp):
        submission = (
            model.objects.filter(person=person, page__live=True).order_by("-submit_time").first()
        )
        if submission is not None:
            page = submission.page.specific
            return page.leave_url(submission), page.withdraw_equality_url(submission)
    return "", ""


def send(outcome, resident, context):
    leave_url, withdraw_equality_url = stop_links(resident.person)
    context = {
        **context,
        "resident": resident,
        "leave_url": leave_url,
        "withdraw_equality_url": withdraw_equality_url,
    }
    subject = render_to_string(f"{TEMPLATE_DIR}/outcome_published_subject.txt", context)
    body = render_to_string(f"{TEMPLATE_DIR}/outcome_published.txt", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [resident.address]
    )
    message.send(fail_silently=False)


def outcome_address(outcome, index_page):
    if index_page is None:
        return ""
    return absolute_url(index_page) + index_page.reverse_subpage("outcome", args=[outcome.pk])


@task()
def tell_residents(outcome_id):
    """Email everyone who took part in ``outcome`` and has not been told yet."""
    outcome = Outcome.objects.for_listing().filter(pk=outcome_id, published=True).first()
    if outcome is None:
        return 0  # unpublished again before the task ran
    told = set(outcome.notices.values_list("address_key", flat=True))
    index_page = outcomes_page()
    context = {
        "outcome": outcome,
        "outcome_url": outcome_address(outcome, index_page),
        "contact": ContactDetails.for_page(index_page),
    }
    sent = 0
    for resident in who_took_part(outcome):
        key = address_key(resident.address)
        if key in told:
            continue
        send(outcome, resident, context)
        # Recorded after it went: a failure part way sends the rest on a retry, not twice.
        OutcomeNotice.objects.get_or_create(outcome=outcome, address_key=key)
        sent += 1
    return sent


def _remember_published(sender, instance, **kwargs):
    instance._was_published = bool(
        instance.pk and Outcome.objects.filter(pk=instance.pk, published=True).exists()
    )


def _tell_when_published(sender, instance, created, **kwargs):
    if instance.published and not getattr(instance, "_was_published", False):
        transaction.on_commit(lambda: tell_residents.enqueue(instance.pk))


pre_save.connect(_remember_published, sender=Outcome, dispatch_uid="involvement_outcome_told_1")
post_save.connect(_tell_when_published, sender=Outcome, dispatch_uid="involvement_outcome_told_2")
