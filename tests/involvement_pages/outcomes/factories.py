import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from involvement_pages.outcomes.models import Outcome, YouSaidWeDidPage
from tests.involvement_pages.factories import ServiceAreaFactory
from tests.involvement_pages.panels.factories import PanelFactory


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    title = factory.Sequence(lambda n: f"Change {n}")
    said = "Residents asked for it."
    did = "We made the change."
    service_area = factory.SubFactory(ServiceAreaFactory)
    panel = factory.SubFactory(PanelFactory)
    date = datetime.date(2026, 6, 1)
    published = True


class YouSaidWeDidPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = YouSaidWeDidPage

    title = "You said, we did"
    slug = "you-said-we-did"
