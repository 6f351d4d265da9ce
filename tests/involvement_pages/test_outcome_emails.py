"""Telling residents how their views were considered: links from where they took part to
what changed, and an email, once, to those who agreed to be contacted that way."""

import datetime
import re

from django.core import mail

import pytest

from forms.choices import ContactMethod
from involvement_pages.outcomes.models import OutcomeNotice, address_key
from involvement_pages.scrutiny.models import ScrutinyReviewIndexPage
from tests.forms.factories import PersonFactory, SignUpFactory, SignUpFormPageFactory
from tests.involvement_pages.consultations.factories import (
    ConsultationPageFactory,
    ConsultationResponseFactory,
)
from tests.involvement_pages.factories import OpportunityPageFactory
from tests.involvement_pages.outcomes.factories import OutcomeFactory, YouSaidWeDidPageFactory
from tests.involvement_pages.panels.factories import MembershipFactory, PanelFactory
from tests.involvement_pages.scrutiny.factories import ScrutinyReviewFactory

pytestmark = pytest.mark.django_db

EMAIL = ContactMethod.EMAIL


@pytest.fixture
def outcomes_page(home):
    return YouSaidWeDidPageFactory(parent=home)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish ``outcome`` as the admin does, and send what waits for the commit."""

    def publish(outcome=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            if outcome is None:
                outcome = OutcomeFactory(published=True, **kwargs)
            else:
                outcome.published = True
                outcome.save()
        return outcome

    return publish


def member(
    panel, email, *, contact_method=EMAIL, start=datetime.date(2025, 4, 1), end=None, **person
):
    resident = PersonFactory(email=email, contact_method=contact_method, **person)
    MembershipFactory(panel=panel, person=resident, start_date=start, end_date=end)
    return resident


def addresses():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_panels_members_who_chose_email_hear_of_its_decision(outcomes_page, publish):
    forum = PanelFactory(name="Leaseholder and Homeowner Forum")
    member(forum, "ada@example.com")
    member(forum, "ben@example.com", contact_method=ContactMethod.PHONE)
    member(forum, "cal@example.com", contact_method="")
    member(forum, "dee@example.com", end=datetime.date(2025, 12, 31))  # left before
    member(forum, "eve@example.com", is_active=False)  # left the register
    member(forum, "fay@example.com", start=datetime.date(2026, 7, 1))  # joined after

    outcome = publish(
        title="Leaseholders choose the building insurer",
        said="Leaseholders asked for a say in who insures their buildings.",
        did="Leaseholders helped select the leasehold insurance company.",
        panel=forum,
        date=datetime.date(2026, 6, 1),
    )

    assert addresses() == ["ada@example.com"]
    message = mail.outbox[0]
    assert (
        message.subject == "What we did with your views: Leaseholders choose the building insurer"
    )
    assert "Thank you for your part in the Leaseholder and Homeowner Forum." in message.body
    assert "Leaseholders helped select the leasehold insurance company." in message.body
    assert f"http://testserver/you-said-we-did/{outcome.pk}/" in message.body
    assert OutcomeNotice.objects.filter(outcome=outcome).count() == 1


def test_an_unpublished_outcome_tells_nobody(outcomes_page, django_capture_on_commit_callbacks):
    forum = PanelFactory()
    member(forum, "ada@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        OutcomeFactory(panel=forum, published=False)

    assert mail.outbox == []


def test_each_resident_hears_once_however_often_it_is_published(outcomes_page, publish):
    forum = PanelFactory()
    member(forum, "ada@example.com")
    outcome = publish(panel=forum)
    outcome.did = "We made the change, and checked it worked."
    publish(outcome)  # saved again while published
    outcome.published = False
    outcome.save()
    publish(outcome)  # unpublished and published again

    assert addresses() == ["ada@example.com"]
    assert OutcomeNotice.objects.get().address_key == address_key("ADA@example.com ")


def test_a_scrutiny_panels_members_during_the_review_hear_of_its_outcome(outcomes_page, publish):
    panel = PanelFactory(name="Thirteen Scrutiny Panel")
    member(panel, "ada@example.com", start=datetime.date(2024, 4, 1))
    member(panel, "ben@example.com", start=datetime.date(2025, 6, 1))  # joined after it ended
    member(panel, "cal@example.com", erased_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC))
    review = ScrutinyReviewFactory(topic="Repairs appointments", panel=panel)

    publish(review=review, panel=None, date=datetime.date(2025, 9, 1))

    assert addresses() == ["ada@example.com"]
    assert 'the scrutiny review "Repairs appointments"' in mail.outbox[0].body


def test_consultation_respondents_who_left_an_email_hear_what_came_of_it(outcomes_page, publish):
    survey = ConsultationPageFactory(parent=outcomes_page.get_parent(), title="Repairs survey")
    for contact in ("gil@example.com", "07700900123", "", "not an address", "GIL@example.com"):
        ConsultationResponseFactory(page=survey, respondent_contact=contact)
    ConsultationResponseFactory(page=survey, respondent_contact="hal@example.com")
    PersonFactory(email="hal@example.com", is_active=False)  # has since left the register

    publish(consultation=survey, panel=None)

    assert addresses() == ["gil@example.com"]
    body = mail.outbox[0].body
    assert 'Thank you for answering our consultation "Repairs survey".' in body
    assert "Hello," in body
    assert "because you left your email address with your answers" in body


def test_the_email_carries_the_links_to_leave_and_to_withdraw_equality_consent(
    outcomes_page, publish
):
    forum = PanelFactory()
    ada = member(forum, "ada@example.com")
    SignUpFactory(person=ada, page=SignUpFormPageFactory(parent=outcomes_page.get_parent()))

    publish(panel=forum)

    body = mail.outbox[0].body
    links = re.findall(r"https?://\S+", body)
    assert any("/leave/" in link for link in links)
    assert any("/equality/withdraw/" in link for link in links)
    assert "you told us email is the best way to reach you" in body


def test_someone_without_a_form_to_leave_from_is_told_how_to_stop(outcomes_page, publish):
    forum = PanelFactory()
    member(forum, "ada@example.com")

    publish(panel=forum)

    assert "reply to this email or contact us and we will stop" in mail.outbox[0].body


def test_a_consultation_links_each_change_to_its_own_page(client, outcomes_page, publish):
    survey = ConsultationPageFactory(
        parent=outcomes_page.get_parent(),
        opens_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC),
    )
    change = publish(title="Repairs texts", consultation=survey, panel=None)
    OutcomeFactory(title="Not yet", consultation=survey, panel=None, published=False)

    html = client.get(survey.url).content.decode()

    assert f'<a href="/you-said-we-did/{change.pk}/"><strong>Repairs texts</strong></a>' in html
    assert "Not yet" not in html


def test_a_review_links_to_what_changed_because_of_it(client, outcomes_page, publish):
    reviews = ScrutinyReviewIndexPage(title="Scrutiny reviews", slug="scrutiny")
    outcomes_page.get_parent().add_child(instance=reviews)
    review = ScrutinyReviewFactory(topic="Repairs appointments", slug="repairs")
    change = publish(title="Evening appointments", review=review, panel=None)

    html = client.get(f"{reviews.url}repairs/").content.decode()

    assert "What changed because of this review" in html
    assert (
        f'<a href="/you-said-we-did/{change.pk}/"><strong>Evening appointments</strong></a>' in html
    )


def test_a_groups_page_links_to_the_decisions_it_made(client, menu, outcomes_page, publish):
    opportunity = OpportunityPageFactory(parent=menu, title="Leaseholder and Homeowner Forum")
    forum = PanelFactory(opportunity=opportunity)
    change = publish(title="Leaseholders choose the insurer", panel=forum)

    html = client.get(opportunity.url).content.decode()

    assert "What residents here have changed" in html
    assert f'<a href="/you-said-we-did/{change.pk}/">' in html
    assert '<a href="/you-said-we-did/">Every change residents asked for</a>' in html


def test_without_a_you_said_we_did_page_changes_show_without_links(client, menu, publish):
    opportunity = OpportunityPageFactory(parent=menu)
    publish(title="Leaseholders choose the insurer", panel=PanelFactory(opportunity=opportunity))

    html = client.get(opportunity.url).content.decode()

    assert "<strong>Leaseholders choose the insurer</strong>" in html
    assert "/you-said-we-did/" not in html
