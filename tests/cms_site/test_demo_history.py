"""The demo's attendance and online grant applications: a history to show, loaded once."""

from io import StringIO

from django.urls import reverse

import pytest

from cms_site.demo.history import COURSE_CAME, COURSE_FORM, load_history
from forms.models import SignUp
from involvement_pages.grants.models import (
    ApplicationStatus,
    GrantApplication,
    GrantApplicationFormPage,
    GrantApplicationSubmission,
    GrantFund,
)

pytestmark = pytest.mark.django_db


def test_grant_funds_take_applications_with_the_online_form(demo_site):
    funds = GrantFund.objects.exclude(application_form=None)

    assert funds.exists()
    for fund in funds:
        assert isinstance(fund.application_form.specific, GrantApplicationFormPage)


def test_online_applications_wait_as_received_with_their_form(demo_site):
    online = GrantApplicationSubmission.objects.select_related("application")

    assert online.count() == 3
    for submission in online:
        assert submission.application.status == ApplicationStatus.RECEIVED
        assert submission.application.applicant_person == submission.person
        assert submission.application.round is not None


def test_talent_school_attendance_shows_on_a_persons_page(demo_site, client, officer):
    came = SignUp.objects.filter(page__slug=COURSE_FORM, attended_on__isnull=False)
    if not came.exists():
        pytest.skip("No Stockton Talent School session has happened yet this year.")
    assert came.count() == COURSE_CAME
    person = came.first().person

    page = client.get(reverse("involvement_register:inspect", args=[person.pk])).content.decode()

    assert "Training courses attended" in page
    assert "Talent School course in Stockton" in page


def test_loading_again_adds_nothing(demo_site):
    before = (SignUp.objects.count(), GrantApplication.objects.count())
    marked = SignUp.objects.filter(attended_on__isnull=False).count()

    load_history(StringIO())

    assert (SignUp.objects.count(), GrantApplication.objects.count()) == before
    assert SignUp.objects.filter(attended_on__isnull=False).count() == marked
