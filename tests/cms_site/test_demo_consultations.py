"""The demo consultations: one open, one closed with answers to count, one to come."""

from io import StringIO

from django.urls import reverse

import pytest

from cms_site.demo.consultations import load_consultations
from involvement_pages.consultations.models import (
    ConsultationFormField,
    ConsultationPage,
    ConsultationResponse,
)
from tests.involvement_pages.consultations.tables import rows
from tests.involvement_pages.factories import ServiceAreaFactory


@pytest.fixture
def loaded(home):
    ServiceAreaFactory(slug="repairs", name="Repairs and maintenance")
    load_consultations(StringIO())


def counts():
    return [
        m.objects.count() for m in (ConsultationPage, ConsultationFormField, ConsultationResponse)
    ]


def test_loading_twice_adds_nothing(loaded):
    before = counts()
    load_consultations(StringIO())
    assert counts() == before
    assert before == [3, 10, 48]


def test_one_open_one_closed_one_to_come(client, loaded):
    windows = {p.slug: p.window() for p in ConsultationPage.objects.all()}
    assert windows == {
        "involvement-satisfaction-survey": "open",
        "repairs-service-standard": "closed",
        "rent-and-service-charges": "upcoming",
    }
    html = client.get("/have-your-say/").content.decode()
    assert "How satisfied are you with getting involved?" in html
    closed = client.get("/have-your-say/repairs-service-standard/").content.decode()
    assert "What we did with your views" in closed
    assert "two-hour appointment slot" in closed


def test_closed_survey_results_match_its_outcome_text(client, loaded, officer):
    page = ConsultationPage.objects.get(slug="repairs-service-standard")
    html = client.get(reverse("involvement_consultations:results", args=[page.pk])).content.decode()
    assert "48 responses" in html
    assert rows(html, "Which part of the repairs service matters most to you?") == [
        ("Getting it right first time", 26, "54%"),
        ("Keeping to the appointment", 12, "25%"),
        ("Cleaning up after the job", 4, "8%"),
        ("Being told who is coming and when", 6, "13%"),
        ("No answer", 0, "0%"),
    ]
    promised = rows(html, "The last time you had a repair, did we do what we promised?")
    assert [count for _label, count, _percent in promised] == [16, 19, 8, 3, 2]
    # Answers came in while it was open.
    times = ConsultationResponse.objects.filter(page=page).values_list("submit_time", flat=True)
    assert all(page.opens_at < t < page.closes_at for t in times)
