import pytest

from tests.involvement_pages.outcomes.factories import YouSaidWeDidPageFactory


@pytest.fixture
def outcomes_page(home):
    return YouSaidWeDidPageFactory(parent=home)
