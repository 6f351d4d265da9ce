from datetime import date, time

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from involvement_pages.calendar.models import CalendarPage
from involvement_pages.calendar.models.events import EventException, EventPage
from involvement_pages.calendar.models.venues import Venue
from tests.involvement_pages.factories import many_to_many


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Community Centre {n}")
    slug = factory.Sequence(lambda n: f"community-centre-{n}")
    address = "1 Quayside Walk"
    town = "Stockton-on-Tees"
    postcode = "TS18 1QW"
    step_free = True
    accessible_toilet = True


class CalendarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CalendarPage

    title = "Calendar of involvement"
    slug = "calendar"
    intro = "Meetings, forums, roadshows and courses you can come to."


class EventPageFactory(wagtail_factories.PageFactory):
    """A live event; pass ``exceptions=[EventException(...)]`` to cancel or move dates."""

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = factory.LazyAttribute(lambda o: f"What happens at {o.title}.")
    start_date = date(2027, 3, 9)
    start_time = time(18)
    end_time = time(20)
    rrule = ""
    venue = factory.SubFactory(VenueFactory)
    support = many_to_many("support")
    audiences = many_to_many("audiences")
    areas = many_to_many("areas")

    @factory.post_generation
    def exceptions(obj, create, extracted, **kwargs):
        if extracted:
            obj.exceptions = extracted
            if create:
                obj.save()  # a full save stores the changed dates, as publishing does


def cancel(day, note=""):
    return EventException(original_date=day, cancelled=True, note=note)


def move(day, new_date=None, new_start_time=None, new_end_time=None, note=""):
    return EventException(
        original_date=day,
        new_date=new_date,
        new_start_time=new_start_time,
        new_end_time=new_end_time,
        note=note,
    )
