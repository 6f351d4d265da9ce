"""The demo calendar: a year of real events from the seeds, in ``data/calendar.json``.

The file is written for one year (2027). So that the demo is alive whatever today's date,
every series is loaded for this year and next, moved by whole years: a series starts on
the first date its rule gives in the same month, and a one-off keeps its weekday (a
Saturday roadshow stays on a Saturday). Each year's series is its own page, as editors
would publish them, so loading is still create-if-missing: a second run adds nothing.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from dateutil.rrule import rrulestr

from cms_site.models import HomePage
from forms.models import SignUpFormPage
from involvement_pages.calendar import recurrence
from involvement_pages.calendar.models import CalendarPage
from involvement_pages.calendar.models.events import EventException, EventOccurrence, EventPage
from involvement_pages.calendar.models.venues import ACCESS_FEATURES, Venue
from involvement_pages.models import OpportunityPage
from involvement_pages.snippets import Area, Audience, SupportOption

from .register import SIGN_UP_FORMS, books_event
from .site import body_stream, ensure_child, ensure_snippets, read

CALENDAR = {
    "title": "Calendar of involvement",
    "intro": (
        "Meetings, forums, roadshows, courses, estate walkabouts and open days across "
        "Thirteen Group. Choose what suits you: we pay travel and childcare, so you will "
        "not be out of pocket."
    ),
}
HOLIDAYS = {(12, 25), (12, 26), (1, 1)}
ONLINE_DETAILS = "Book a place and we will email you a link to join on the day."
# calendar.json says where events are, not who they are for. Events not listed here are
# for residents in every area; these local ones are for the areas they serve.
LOCAL_EVENTS = {
    "middlesbrough-neighbourhood-committee": ["middlesbrough"],
    "stockton-neighbourhood-committee": ["stockton-on-tees"],
    "hartlepool-neighbourhood-committee": ["hartlepool"],
    "middlesbrough-area-panel": ["middlesbrough"],
    "stockton-area-panel": ["stockton-on-tees"],
    "hartlepool-area-panel": ["hartlepool"],
    "estate-walkabouts-middlesbrough": ["middlesbrough"],
    "young-voices": ["middlesbrough", "stockton-on-tees", "hartlepool"],
    "roadshow-york": ["york"],
    "roadshow-scarborough": ["scarborough"],
    "roadshow-county-durham": ["county-durham"],
    "roadshow-gateshead": ["gateshead"],
    "mobile-roadshow-dispersed-homes": ["housing-hartlepool-dispersed", "tristar-homes-dispersed"],
}


def load_calendar(stdout=None):
    """The calendar page, its venues and this year's and next year's events."""
    data = read("calendar.json")
    home = HomePage.objects.first()
    calendar, _ = ensure_child(
        home,
        CalendarPage,
        slug="calendar",
        title=CALENDAR["title"],
        intro=CALENDAR["intro"],
        search_description=CALENDAR["intro"],
        show_in_menus=True,
    )
    venues = ensure_snippets(Venue, [_venue_fields(row) for row in data["venues"]])
    lists = {
        "areas": {a.slug: a for a in Area.objects.all()},
        "audiences": {a.slug: a for a in Audience.objects.all()},
        "support": {s.slug: s for s in SupportOption.objects.all()},
        "opportunities": {o.slug: o for o in OpportunityPage.objects.all()},
    }
    this_year = timezone.localdate().year
    created = 0
    for year in (this_year, this_year + 1):
        for row in data["events"]:
            created += _ensure_event(calendar, row, year, venues, lists)
    _link_booking_forms(calendar, data["events"], (this_year, this_year + 1))
    if stdout:
        stdout.write(f"Calendar of involvement: {created} events added.")
    return calendar


def _venue_fields(row):
    features = {name for name, _ in ACCESS_FEATURES}
    fields = {key: row[key] for key in ("slug", "name", "town", "postcode", "bus_routes", "notes")}
    fields["address"] = "\n".join(row["address_lines"])
    for feature in row["access_features"]:
        name = feature.replace("-", "_")
        if name in features:
            fields[name] = True
    return fields


def _ensure_event(calendar, row, year, venues, lists):
    data_start = datetime.fromisoformat(row["start"])
    data_year = str(data_start.year)
    key = row["slug"].removesuffix(f"-{data_year}")
    slug = f"{key}-{year}"
    if EventPage.objects.child_of(calendar).filter(slug=slug).exists():
        return 0
    start = _moved_to(data_start, year, row["rrule"])
    end = datetime.fromisoformat(row["end"])
    event = EventPage(
        title=row["title"],
        summary=row["summary"].replace(data_year, str(year)),
        search_description=row["summary"].replace(data_year, str(year)),
        body=body_stream([p.replace(data_year, str(year)) for p in row["body"]]),
        kind=row["kind"],
        start_date=start.date(),
        start_time=start.time(),
        end_time=end.time(),
        rrule=row["rrule"] or "",
        opportunity=lists["opportunities"].get(row["opportunity"]),
        venue=venues.get(row["venue"]),
        online=row["online"],
        online_details=ONLINE_DETAILS if row["online"] else "",
        location_details="" if row["venue"] else _where_without_venue(row),
        all_areas=key not in LOCAL_EVENTS,
        booking=row["booking"],
        capacity=row["capacity"],
    )
    event.exceptions = _holiday_moves(event)
    event.areas = [lists["areas"][slug] for slug in LOCAL_EVENTS.get(key, [])]
    event.audiences = [lists["audiences"][slug] for slug in row["audiences"]]
    event.support = [lists["support"][slug] for slug in row["support"]]
    event.slug = slug
    calendar.add_child(instance=event)
    event.save_revision().publish()
    return 1


def _link_booking_forms(calendar, rows, years):
    """Events that need booking take them with their demo form: of the pages for each
    year, the one with the soonest date, so the demo's "Book a place" is live today."""
    rows = {row["slug"]: row for row in rows}
    for form_slug, _title, _opportunity, event_slug, *_counts in SIGN_UP_FORMS:
        row = rows.get(event_slug)
        form = SignUpFormPage.objects.filter(slug=form_slug).first()
        if not (form and books_event(row)):
            continue
        key = event_slug.removesuffix(f"-{datetime.fromisoformat(row['start']).year}")
        events = EventPage.objects.child_of(calendar).filter(
            slug__in=[f"{key}-{year}" for year in years]
        )
        if events.filter(sign_up_page=form).exists():
            continue
        soonest = (
            EventOccurrence.objects.filter(event__in=events, end__gte=timezone.now())
            .order_by("start")
            .select_related("event")
            .first()
        )
        if soonest is None:
            continue
        event = soonest.event
        # The form's places are the event's places: one number, kept on the form.
        event.sign_up_page, event.capacity = form, None
        event.save_revision().publish()


def _moved_to(start, year, rule):
    """``start`` moved to ``year``, on the same weekday pattern."""
    try:
        candidate = start.replace(year=year)
    except ValueError:  # 29 February
        candidate = start.replace(year=year, day=28)
    if rule:
        # The rule's first date within a week of the same day, in the same month: a rule
        # with INTERVAL counts its months from there.
        search_from = max(candidate - timedelta(days=6), candidate.replace(day=1))
        return next(iter(rrulestr(rule, dtstart=search_from)))
    shift = (start.weekday() - candidate.weekday() + 3) % 7 - 3
    return candidate + timedelta(days=shift)


def _holiday_moves(event):
    """Dates on Christmas Day, Boxing Day or New Year's Day move a week later."""
    first = datetime.combine(event.start_date, event.start_time)
    starts = recurrence.check(event.rrule, first) if event.rrule else [first]
    return [
        EventException(
            original_date=start.date(),
            new_date=start.date() + timedelta(days=7),
            note="Moved a week later because of the bank holiday.",
        )
        for start in starts
        if (start.month, start.day) in HOLIDAYS
    ]


def _where_without_venue(row):
    """Events without one venue say where they happen, from their own description."""
    return {
        "roadshow": "A different small group of homes each week: we write to every household.",
        "estate-inspection": "Around the estate or scheme: we will tell you where to meet.",
    }.get(row["kind"], "We will tell you where when you book.")
