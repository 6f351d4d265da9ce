"""Run inside a `wagtail start` host: publish the involvement pages under the host's own
home page, fetch them as a resident would, and print what came back as JSON.

tests/test_wagtail_start_host.py runs this with the host as the working directory, so the
host's own settings, apps and base.html are the ones used.
"""

import json
from datetime import time, timedelta

import django

django.setup()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Site  # noqa: E402

from events.models import EventPage as HostEventPage  # noqa: E402
from hostsite.calendar.models import CalendarPage as HostCalendarPage  # noqa: E402

from forms.models import RegisterFormPage  # noqa: E402
from involvement_pages.calendar.models import CalendarPage  # noqa: E402
from involvement_pages.calendar.models.events import EventPage  # noqa: E402
from involvement_pages.models import InvolvementMenuPage, OpportunityPage  # noqa: E402

home = Site.objects.get(is_default_site=True).root_page
assert type(home.specific).__module__ == "home.models", "the host's own HomePage is the root"

menu = home.add_child(instance=InvolvementMenuPage(title="Ways to get involved", slug="menu"))
opportunity = menu.add_child(
    instance=OpportunityPage(
        title="Estate walkabouts",
        summary="Walk round your estate with your housing officer.",
        level="giving_views",
        tier="local",
        commitment="one_off",
    )
)
calendar = home.add_child(instance=CalendarPage(title="What's on", slug="whats-on"))
event = calendar.add_child(
    instance=EventPage(
        title="Tenants' forum",
        summary="Tell us what matters on your estate.",
        start_date=timezone.localdate() + timedelta(days=14),
        start_time=time(18),
        end_time=time(20),
        location_details="The community room at Quayside Court",
    )
)
join = home.add_child(
    instance=RegisterFormPage(
        title="Join the Customer Voice",
        slug="join",
        privacy_notice_url="https://landlord.example/privacy",
        to_address="involvement@landlord.example",
    )
)
# The host's own page types of the same names live beside ours.
home.add_child(instance=HostCalendarPage(title="Our own calendar", slug="our-calendar"))
home.add_child(instance=HostEventPage(title="Our own summer fair", slug="summer-fair"))

client = Client()
answers = {}
for name, url in {
    "menu": menu.url,
    "opportunity": opportunity.url,
    "calendar": calendar.url,
    "event": event.url,
    "feed": calendar.url + "feed/",
    "join": join.url,
    "sitemap": "/sitemap.xml",
}.items():
    response = client.get(url)
    answers[name] = {
        "url": url,
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "body": response.content.decode(),
    }
print(json.dumps(answers))
