"""Every sentence of a consultation that residents read can be translated (see
tests/test_translation.py): only what editors typed is left in English."""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags

import pytest

from involvement_pages.consultations.models import ConsultationFormField, ConsultationPage
from tests.test_translation import editors_words, pseudo_language, untranslated  # noqa: F401

from .conftest import with_questions
from .factories import ConsultationPageFactory


def consultation_words():
    """The editors' words of consultation pages: questions, options and rich text."""
    words = editors_words()
    for label, choices in ConsultationFormField.objects.values_list("label", "choices"):
        words += [label, *choices.splitlines()]
    for page in ConsultationPage.objects.all():
        for name in ("intro", "what_we_will_do", "outcome_summary", "thank_you_text"):
            words += [line.strip() for line in strip_tags(getattr(page, name)).splitlines()]
        words.append(page.contact_reason)
    return sorted({w for w in words if w}, key=len, reverse=True)


@pytest.fixture
def pages(index):
    open_one = with_questions(
        ConsultationPageFactory(parent=index, ask_for_contact=True, contact_reason="Why we ask.")
    )
    ended = timezone.now() - datetime.timedelta(days=2)
    closed = ConsultationPageFactory(
        parent=index,
        opens_at=ended - datetime.timedelta(days=20),
        closes_at=ended,
        outcome_summary="<p>Appointments now come with a two-hour slot.</p>",
        outcome_url="https://thirteen.example/you-said-we-did/",
    )
    return index, open_one, closed


@pytest.mark.usefixtures("pseudo_language")
def test_consultation_pages_are_all_translatable(client, pages):
    index, open_one, closed = pages
    for url in (index.url, open_one.url, closed.url, open_one.url + "thanks/"):
        response = client.get(url)
        assert response.status_code == 200
        assert untranslated(response.content.decode(), consultation_words()) == [], url
