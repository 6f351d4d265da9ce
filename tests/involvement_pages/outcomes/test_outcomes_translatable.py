"""Every sentence of the "You said, we did" pages goes through gettext (see
tests/test_translation.py for the pseudo-language that shows what does not)."""

import pytest

from involvement_pages.outcomes.models import Outcome
from involvement_pages.panels.models import Panel
from tests.involvement_pages.factories import OpportunityPageFactory
from tests.involvement_pages.outcomes.factories import OutcomeFactory
from tests.test_translation import editors_words, pseudo_language, untranslated

pytestmark = pytest.mark.django_db

__all__ = ["pseudo_language"]  # a fixture, used by name


def words_typed_in():
    words = editors_words()
    for row in Outcome.objects.values_list("title", "said", "did", "evidence_url"):
        words += [value for value in row if value]
    words += list(Panel.objects.values_list("name", flat=True))
    return sorted(set(words), key=len, reverse=True)


@pytest.fixture
def outcome(menu):
    return OutcomeFactory(
        title="Women-only taxis",
        said="Women asked for a women-only taxi.",
        did="We offer one on request.",
        panel__name="Customer Involvement Network Executive Committee",
        opportunity=OpportunityPageFactory(parent=menu, title="Women's Group"),
        evidence_url="https://thirteen.example/reports/taxis",
    )


@pytest.mark.usefixtures("pseudo_language")
def test_the_list_is_all_translatable(client, outcomes_page, outcome):
    response = client.get(outcomes_page.url, {"service": outcome.service_area.slug})

    assert response.status_code == 200
    assert untranslated(response.content.decode(), words_typed_in()) == []


@pytest.mark.usefixtures("pseudo_language")
def test_a_change_s_page_is_all_translatable(client, outcomes_page, outcome):
    response = client.get(f"{outcomes_page.url}{outcome.pk}/")

    assert response.status_code == 200
    assert untranslated(response.content.decode(), words_typed_in()) == []
