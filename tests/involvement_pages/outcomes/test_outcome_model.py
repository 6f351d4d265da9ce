"""An outcome says what residents said, what changed, and where it came from."""

import datetime

from django.core.exceptions import ValidationError

import pytest

from involvement_pages.outcomes.models import Outcome, counts_by_year
from involvement_pages.scrutiny.models import ReviewStatus, ScrutinyReviewIndexPage
from tests.involvement_pages.factories import OpportunityPageFactory, ServiceAreaFactory
from tests.involvement_pages.outcomes.factories import OutcomeFactory
from tests.involvement_pages.panels.factories import PanelFactory
from tests.involvement_pages.scrutiny.factories import ScrutinyReviewFactory

pytestmark = pytest.mark.django_db


def errors_of(outcome):
    with pytest.raises(ValidationError) as raised:
        outcome.full_clean()
    return raised.value.message_dict


def test_an_outcome_must_say_where_it_came_from():
    outcome = OutcomeFactory.build(service_area=ServiceAreaFactory(), panel=None)

    assert errors_of(outcome) == {
        "panel": [
            "Say where this change came from: choose a group, activity, consultation or "
            "scrutiny review."
        ]
    }


def test_an_activity_alone_is_enough(menu):
    outcome = OutcomeFactory.build(
        service_area=ServiceAreaFactory(),
        panel=None,
        opportunity=OpportunityPageFactory(parent=menu),
    )

    outcome.full_clean()


def test_a_change_cannot_be_dated_in_the_future():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    outcome = OutcomeFactory.build(
        service_area=ServiceAreaFactory(), panel=PanelFactory(), date=tomorrow
    )

    assert "cannot be in the future" in errors_of(outcome)["date"][0]


def test_a_service_area_is_needed():
    outcome = OutcomeFactory.build(service_area=None, panel=PanelFactory())

    assert errors_of(outcome)["service_area"] == ["Choose the service that changed."]


def test_bidi_overrides_and_control_characters_are_dropped_and_symbols_alone_refused():
    outcome = OutcomeFactory.build(
        service_area=ServiceAreaFactory(),
        panel=PanelFactory(),
        title="Taxis\u202e for women\x07",
        said="\u202e\u202d",
    )

    errors = errors_of(outcome)

    assert outcome.title == "Taxis for women"
    assert errors == {"said": ["This cannot be left blank or hold only symbols."]}


def test_sources_link_to_live_pages_only(menu):
    live = OpportunityPageFactory(parent=menu, title="Home Consultation Panel")
    draft = OpportunityPageFactory(parent=menu, title="Draft page", live=False)
    panel = PanelFactory(name="Leaseholder Forum", opportunity=draft)
    outcome = OutcomeFactory(panel=panel, opportunity=live)

    assert [(str(kind), str(record), url) for kind, record, url in outcome.sources()] == [
        ("group", "Leaseholder Forum", None),
        ("activity", "Home Consultation Panel", live.url),
    ]


def test_a_review_links_to_its_public_page_once_it_is_finished(home):
    home.add_child(instance=ScrutinyReviewIndexPage(title="Scrutiny reviews", slug="scrutiny"))
    finished = ScrutinyReviewFactory(topic="Repairs", slug="repairs")
    running = ScrutinyReviewFactory(topic="Lettings", status=ReviewStatus.IN_PROGRESS)

    from_finished = OutcomeFactory(panel=None, review=finished).sources()
    from_running = OutcomeFactory(panel=None, review=running).sources()

    assert [(str(kind), url) for kind, _, url in from_finished] == [
        ("scrutiny review", "/scrutiny/repairs/")
    ]
    assert [url for _, _, url in from_running] == [None]


def test_counts_fold_months_into_financial_years():
    for day in ["2025-04-01", "2026-03-31", "2026-04-01", "2026-11-30", "2024-12-25"]:
        OutcomeFactory(date=datetime.date.fromisoformat(day))
    OutcomeFactory(date=datetime.date(2026, 5, 1), published=False)

    counts = counts_by_year(Outcome.objects.published())

    assert [(year.label, n) for year, n in counts] == [
        ("2026/27", 2),
        ("2025/26", 2),
        ("2024/25", 1),
    ]


def test_counts_follow_a_calendar_year_when_the_host_says_so(settings):
    settings.INVOLVEMENT_YEAR_START_MONTH = 1
    OutcomeFactory(date=datetime.date(2026, 3, 31))
    OutcomeFactory(date=datetime.date(2026, 4, 1))

    assert [(y.label, n) for y, n in counts_by_year(Outcome.objects.all())] == [("2026", 2)]
