"""schema.org ``Event`` data for event pages, so search engines can list dates and venues.

One ``Event`` per upcoming date, as search engines ask for series; a cancelled date says
``EventCancelled`` and a moved one ``EventRescheduled`` with its ``previousStartDate``.
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wagtail.models import Site

from involvement_pages.links import absolute_url

MAX_DATES = 12
SCHEMA = "https://schema.org/"
ATTENDANCE = {
    "offline": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}
# Inside <script>, "</script>" or "<!--" in an editor's text must not end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def event_json_ld(event, occurrences, request):
    """The ``<script type="application/ld+json">`` body for ``event``, ready for a template."""
    site = Site.find_for_request(request) if request is not None else None
    url = absolute_url(event, request)
    shown = list(occurrences)[:MAX_DATES]
    organizer = _organizer(site, request)
    data = [_event(event, occurrence, url, organizer) for occurrence in shown]
    if not data:
        return ""
    text = json.dumps({"@context": "https://schema.org", "@graph": data})
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped for <script> just above


def _event(event, occurrence, url, organizer):
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": SCHEMA + _status(occurrence),
        "eventAttendanceMode": SCHEMA + ATTENDANCE[event.attendance],
        "location": _locations(event, url),
        "organizer": organizer,
        "url": url,
        "isAccessibleForFree": True,
    }
    if occurrence.moved:
        data["previousStartDate"] = occurrence.original_start.isoformat()
    if event.places:
        data["maximumAttendeeCapacity"] = event.places
    return data


def _status(occurrence):
    if occurrence.cancelled:
        return "EventCancelled"
    return "EventRescheduled" if occurrence.moved else "EventScheduled"


def _locations(event, url):
    places = []
    if event.venue_id:
        venue = event.venue
        street = [line for line in venue.address.splitlines() if line.strip()]
        places.append(
            {
                "@type": "Place",
                "name": venue.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": ", ".join(line.strip() for line in street),
                    "addressLocality": venue.town,
                    "postalCode": venue.postcode,
                    "addressCountry": "GB",
                },
            }
        )
    elif event.location_details.strip():
        places.append({"@type": "Place", "name": event.location_details.strip()})
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.online_url or url})
    return places[0] if len(places) == 1 else places


def site_name(site):
    """The landlord's name as residents know it: the Wagtail site's name, or the setting."""
    name = site.site_name if site is not None else ""
    return name or getattr(settings, "WAGTAIL_SITE_NAME", "")


def _organizer(site, request):
    organizer = {
        "@type": "Organization",
        "name": site_name(site) or gettext("Customer Involvement Team"),
    }
    if site is not None:
        organizer["url"] = absolute_url("/", request)
    return organizer
