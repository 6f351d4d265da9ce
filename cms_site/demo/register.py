"""Demo forms and a few dozen clearly fictional people on the register.

Create-if-missing, like the rest of ``load_demo``: a second run changes nothing, and a form
or a link an editor has changed is left alone. Every person is invented: names end in
"Example" or "Sample", emails use example.com, phones are Ofcom's 07700 900xxx drama range
and postcodes use ZZ99, which no real address has.
"""

import datetime
import json

from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Site

from forms.choices import ContactMethod, HowHeard, SignUpStatus, Tenure
from forms.models import (
    Availability,
    CommunicationNeed,
    EqualityConsent,
    EqualityMonitoring,
    Person,
    RegisterFormPage,
    SignUp,
    SignUpFormPage,
    SupportNeed,
    WayToTakePart,
)
from involvement_pages.models import InvolvementMenuPage, OpportunityPage
from involvement_pages.snippets import Area, ServiceArea

from .site import DATA_DIR, ensure_child

PRIVACY_URL = "https://thirteen.example/privacy-notice"
CONTACT = (
    "Call the Customer Involvement Team on 01642 000 000 or email involvement@thirteen.example"
)
OFFICERS = "involvement@thirteen.example"

JOIN_INTRO = (
    "<p>The Customer Voice is our list of customers who want to have a say. Join it and we "
    "will ask you about the things you care about, in the way that suits you: a survey, a "
    "phone call, an event near you or a seat on a panel.</p>"
    "<p>You choose how much you do. You will not be out of pocket: we pay travel and "
    "childcare costs.</p>"
)
JOIN_THANKS = (
    "<p>We will send you a welcome pack and ask you about the things you told us you are "
    "interested in. You can tell us to stop at any time.</p>"
)

# (slug, title, opportunity, calendar event, places, places taken, people waiting).
# Events that need booking take bookings with their form (the calendar demo links them), so
# the form shows the event's own dates and place; the rest copy theirs into the form.
SIGN_UP_FORMS = [
    (
        "talent-school-middlesbrough",
        "Book a place at Talent School in Middlesbrough",
        "talent-school",
        "talent-school-middlesbrough-2027",
        16,
        15,
        0,
    ),
    (
        "editorial-panel-waiting-list",
        "Editorial Panel: join the waiting list",
        "editorial-panel",
        None,
        4,
        4,
        2,
    ),
    (
        "neighbourhood-audit-days",
        "Book a place on a neighbourhood audit day",
        "neighbourhood-auditors",
        "neighbourhood-audit-days-2027",
        8,
        3,
        0,
    ),
    (
        "community-funding-decision-day-spring",
        "Community funding decision day, 15 May 2027",
        "participatory-budgeting",
        "participatory-budgeting-spring-2027",
        120,
        6,
        0,
    ),
    (
        "roadshow-york",
        "Roadshow in York, 8 May 2027",
        "roadshows",
        "roadshow-york-2027",
        None,
        3,
        0,
    ),
]

FIRST_NAMES = [
    "Aisha", "Bogdan", "Ciara", "Dev", "Efua", "Fatima", "Gareth", "Hui", "Imran", "Jolene",
    "Kofi", "Lena", "Marek", "Nadia", "Owen", "Priya", "Quinn", "Rosa", "Sanjay", "Tegan",
    "Uzma", "Victor", "Wendy", "Xin", "Yusuf", "Zofia", "Alfie", "Bernice", "Callum", "Dorothy",
    "Eamon", "Farah", "George", "Hannah", "Isaac", "June",
]  # fmt: skip
SURNAMES = ["Example", "Sample"]
AREA_CYCLE = [
    "middlesbrough",
    "stockton-on-tees",
    "hartlepool",
    "tees-valley-housing-neighbourhoods",
    "york",
    "newcastle-and-tyneside",
    "scarborough",
    "gateshead",
    "county-durham",
    "housing-hartlepool-dispersed",
    "tristar-homes-dispersed",
]
EQUALITY_SAMPLES = [
    {"age_band": "65_74", "gender": "woman", "ethnicity": "white_british", "disability": "no"},
    {"age_band": "25_34", "gender": "man", "ethnicity": "asian_pakistani", "religion": "muslim"},
    {"age_band": "45_54", "gender": "prefer_not_to_say", "disability": "no"},
    {"age_band": "16_24", "gender": "non_binary", "sexual_orientation": "bisexual"},
    {"age_band": "75_plus", "gender": "woman", "religion": "christian", "disability": "yes_a_lot"},
    {"age_band": "35_44", "ethnicity": "black_african", "religion": "prefer_not_to_say"},
]  # fmt: skip


def load_demo(stdout=None):
    menu = InvolvementMenuPage.objects.filter(slug="get-involved").first()
    if menu is None:
        return
    join = ensure_join_form(menu)
    forms = {row[0]: ensure_sign_up_form(menu, row) for row in SIGN_UP_FORMS}
    link_opportunities(menu, join, forms)
    added = ensure_people()
    ensure_sign_ups(forms)
    if stdout:
        stdout.write(
            f"Sign-up forms: join form at {join.url}, {len(forms)} sign-up forms, "
            f"{added} fictional people added to the register."
        )


def ensure_join_form(menu):
    page, _ = ensure_child(
        menu,
        RegisterFormPage,
        slug="join",
        title="Join the Customer Voice",
        intro=JOIN_INTRO,
        thank_you_text=JOIN_THANKS,
        privacy_notice_url=PRIVACY_URL,
        contact_details=CONTACT,
        to_address=OFFICERS,
        search_description="Join our list of residents who want to have a say.",
    )
    return page


def _calendar_event(slug):
    if slug is None:
        return None, None
    with (DATA_DIR / "calendar.json").open(encoding="utf-8") as f:
        data = json.load(f)
    event = next(e for e in data["events"] if e["slug"] == slug)
    venue = next((v for v in data["venues"] if v["slug"] == event.get("venue")), None)
    return event, venue


def books_event(event):
    """Whether a form takes bookings for this calendar event, rather than copying it."""
    return event is not None and event["booking"] != "open"


def ensure_sign_up_form(menu, row):
    slug, title, _opportunity, event_slug, capacity, _taken, _waiting = row
    event, venue = _calendar_event(event_slug)
    when = where = ""
    if event and not books_event(event):
        start = datetime.datetime.fromisoformat(event["start"])
        hour = f"{start.hour % 12 or 12}" + (f".{start.minute:02d}" if start.minute else "")
        when = f"{start:%A} {start.day} {start:%B %Y}, {hour}{'am' if start.hour < 12 else 'pm'}"
        if venue:
            parts = [venue["name"], *venue["address_lines"], venue["town"], venue["postcode"]]
            where = ", ".join(parts)
    intro = f"<p>{escape(event['summary'])}</p>" if event and event.get("summary") else ""
    page, _ = ensure_child(
        menu,
        SignUpFormPage,
        slug=slug,
        title=title,
        intro=intro,
        when=when,
        where=where,
        capacity=capacity,
        waiting_list=True,
        privacy_notice_url=PRIVACY_URL,
        contact_details=CONTACT,
        to_address=OFFICERS,
    )
    return page


def link_opportunities(menu, join, forms):
    """Point opportunities without a sign-up form at the demo's forms."""
    targets = {"customer-voice": join}
    targets.update({row[2]: forms[row[0]] for row in SIGN_UP_FORMS})
    for slug, form_page in targets.items():
        opportunity = OpportunityPage.objects.child_of(menu).filter(slug=slug).first()
        if opportunity is not None and opportunity.sign_up_page_id is None:
            opportunity.sign_up_page = form_page
            opportunity.save_revision().publish()


def demo_people():
    """The fictional people, each a dict of Person fields and ticked lists."""
    areas = {a.slug: a for a in Area.objects.select_related("landlord")}
    services = list(ServiceArea.objects.order_by("slug"))
    times = list(Availability.objects.all())
    ways = list(WayToTakePart.objects.all())
    comms = {c.slug: c for c in CommunicationNeed.objects.all()}
    support = {s.slug: s for s in SupportNeed.objects.all()}
    tenures = [*[Tenure.TENANT] * 5, Tenure.LEASEHOLDER, Tenure.SHARED_OWNER]
    tenures += [Tenure.HOUSEHOLD_MEMBER, Tenure.HOUSING_REGISTER]
    people = []
    for n, first in enumerate(FIRST_NAMES):
        surname = SURNAMES[n % 2]
        area = areas.get(AREA_CYCLE[n % len(AREA_CYCLE)])
        no_email = n % 9 == 4  # some people only give a phone number
        people.append(
            {
                "name": f"{first} {surname}",
                "email": "" if no_email else f"{first.lower()}.{surname.lower()}@example.com",
                "phone": f"07700900{n + 100:03d}",
                "address": f"{n + 1} Example Street\n{area.name if area else 'Teesside'}",
                "postcode": f"ZZ99 {n % 9 + 1}{'ABDEFGHJL'[n % 9]}{'NPQRSTUWX'[n % 9]}",
                "contact_method": ContactMethod.PHONE if no_email else ContactMethod.EMAIL,
                "tenure": tenures[n % len(tenures)],
                "area": area,
                "landlord": area.landlord if area else None,
                "how_heard": HowHeard.values[n % len(HowHeard.values)],
                "date_joined": datetime.date(2025, 1, 6) + datetime.timedelta(days=19 * n),
                "is_active": n % 11 != 7,
                "legacy_reference": f"CV-DEMO-{n + 1:04d}" if n % 4 == 0 else "",
                # Older records came with a landline and a date of birth (Ofcom's drama
                # numbers, ages spread across the monitoring bands).
                "landline": f"01632960{n + 100:03d}" if n % 4 == 0 else "",
                "date_of_birth": datetime.date(1940 + (n * 7) % 62, n % 12 + 1, n % 28 + 1)
                if n % 4 == 0
                else None,
                "skills": "Used to chair a tenants' association" if n % 6 == 0 else "",
                "language": "Polish" if first in ("Bogdan", "Marek", "Zofia") else "",
                "interests": services[n % len(services) :][:3] or services[:2],
                "availability": [times[n % len(times)]] + ([times[2]] if n % 3 == 0 else []),
                "ways_to_take_part": ways[n % len(ways) :][:2],
                "communication_needs": [comms["another-language"]]
                if first in ("Bogdan", "Marek", "Zofia")
                else ([comms["large-print"]] if n % 7 == 0 else []),
                "support_needs": [support["childcare"]]
                if n % 5 == 1
                else ([support["transport"], support["access"]] if n % 8 == 3 else []),
                "equality": EQUALITY_SAMPLES[n % len(EQUALITY_SAMPLES)] if n % 3 == 1 else None,
            }
        )
    return people


def ensure_people():
    added = 0
    consent = EqualityConsent.for_site(Site.objects.get(is_default_site=True)).version
    for row in demo_people():
        lists = {
            k: row.pop(k)
            for k in (
                "interests",
                "availability",
                "ways_to_take_part",
                "communication_needs",
                "support_needs",
            )
        }
        equality = row.pop("equality")
        if Person.objects.filter(phone=row["phone"]).exists():
            continue
        person = Person.objects.create(**row)
        for field, values in lists.items():
            getattr(person, field).set(values)
        if equality:
            EqualityMonitoring.objects.create(
                person=person,
                consent_given_at=timezone.make_aware(
                    datetime.datetime.combine(person.date_joined, datetime.time(12))
                ),
                consent_version=consent,
                **equality,
            )
        added += 1
    return added


def ensure_sign_ups(forms):
    """Fill the demo forms: one nearly full, one full with people waiting."""
    people = list(Person.objects.filter(phone__startswith="07700900").order_by("phone"))
    if not people:
        return
    offset = 0
    for slug, _title, _opp, _event, _capacity, taken, waiting in SIGN_UP_FORMS:
        page = forms[slug]
        wanted = [(SignUpStatus.PLACE, n) for n in range(taken)]
        wanted += [(SignUpStatus.WAITING, taken + n) for n in range(waiting)]
        for status, n in wanted:
            person = people[(offset + n) % len(people)]
            if not SignUp.objects.filter(page=page, person=person).exists():
                SignUp.objects.create(page=page, person=person, status=status, form_data={})
        offset += 7
