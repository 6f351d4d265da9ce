import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from cms_site.models import HomePage
from involvement_pages.choices import Commitment, Level, OpportunityStatus, Tier
from involvement_pages.models import InvolvementMenuPage, OpportunityPage
from involvement_pages.snippets import Area, Landlord, ServiceArea, SupportOption


class LandlordFactory(DjangoModelFactory):
    class Meta:
        model = Landlord
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner Landlord {n}")
    slug = factory.Sequence(lambda n: f"partner-landlord-{n}")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class ServiceAreaFactory(DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class SupportOptionFactory(DjangoModelFactory):
    class Meta:
        model = SupportOption
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Support {n}")
    slug = factory.Sequence(lambda n: f"support-{n}")
    description = ""


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Get involved"
    intro = "Have your say on your home and your services."


class InvolvementMenuPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InvolvementMenuPage

    title = "Ways to get involved"
    slug = "get-involved"


def many_to_many(name):
    """A post-generation hook that sets a page's (parental) many-to-many field."""

    @factory.post_generation
    def setter(obj, create, extracted, **kwargs):
        if extracted:
            getattr(obj, name).set(extracted)
            if create:
                obj.save(update_fields=[name])

    return setter


class OpportunityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OpportunityPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    summary = factory.LazyAttribute(lambda o: f"What {o.title} asks of you.")
    level = Level.GIVING_VIEWS
    tier = Tier.OPERATIONAL
    status = OpportunityStatus.OPEN
    commitment = Commitment.OCCASIONAL
    time_commitment = "Meets quarterly"
    support = many_to_many("support")
    service_areas = many_to_many("service_areas")
    areas = many_to_many("areas")
    audiences = many_to_many("audiences")
    formats = many_to_many("formats")
