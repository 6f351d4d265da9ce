import datetime

from django.utils import timezone

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from involvement_pages.consultations.models import (
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
)


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConsultationIndexPage

    title = "Have your say"
    slug = "have-your-say"
    intro = "Tell us what you think before we decide."


class ConsultationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Repairs service standard survey {n}")
    intro = "<p>We are reviewing the repairs service standard.</p>"
    what_we_will_do = "<p>The Repairs Service Improvement Group will read every answer.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))


class ConsultationFormFieldFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationFormField

    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "singleline"
    required = False


class ConsultationResponseFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    form_data = factory.LazyFunction(dict)
