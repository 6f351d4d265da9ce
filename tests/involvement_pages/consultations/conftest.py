import pytest

from .factories import (
    ConsultationFormFieldFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)

PRIORITY = "Which repair matters most to you?"
CONTACT_WAYS = "How would you like to hear back from us?"
COMMENTS = "Anything else about repairs?"


@pytest.fixture
def index(home):
    return ConsultationIndexPageFactory(parent=home)


def with_questions(page):
    """Three questions: one answer from a list, tick all that apply, and free text."""
    ConsultationFormFieldFactory(
        page=page,
        label=PRIORITY,
        field_type="radio",
        choices="Getting it right first time\nKeeping appointments\nCleaning up after",
        required=True,
        sort_order=0,
    )
    ConsultationFormFieldFactory(
        page=page,
        label=CONTACT_WAYS,
        field_type="checkboxes",
        choices="Letter\nText message\nEmail",
        sort_order=1,
    )
    ConsultationFormFieldFactory(page=page, label=COMMENTS, field_type="multiline", sort_order=2)
    return page


@pytest.fixture
def consultation(index):
    return with_questions(ConsultationPageFactory(parent=index, slug="repairs-survey"))
